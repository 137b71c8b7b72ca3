package com.idss.informzsync.testsupport;

import com.idss.informzsync.infrastructure.persistence.Databases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.io.InputStream;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.w3c.dom.NodeList;

/**
 * A fresh database with the real migrations applied, and an EclipseLink RESOURCE_LOCAL unit over
 * it listing the same entities as the production persistence.xml. H2 in memory by default;
 * PostgreSQL (a throw-away schema in database {@code test}) when {@code -Dtest.postgresql=true} or
 * {@code TEST_POSTGRESQL=true}.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind { H2, POSTGRESQL }

    public static final String POSTGRESQL_URL = System.getProperty("test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRESQL_USER = System.getProperty("test.postgresql.user", "postgres");

    private final Kind kind;
    private final DataSource dataSource;
    private final String schema;
    private EntityManagerFactory emf;

    private TestDatabase(Kind kind, DataSource dataSource, String schema) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.schema = schema;
    }

    public static boolean postgresqlEnabled() {
        return Boolean.getBoolean("test.postgresql") || "true".equalsIgnoreCase(System.getenv("TEST_POSTGRESQL"));
    }

    public static TestDatabase create(Kind kind) {
        return kind == Kind.H2 ? h2InMemory() : postgresql();
    }

    public static TestDatabase h2InMemory() {
        return h2("jdbc:h2:mem:crm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** H2 in its default mode, as in production; {@code url} may point at a file database. */
    public static TestDatabase h2(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        return migrated(new TestDatabase(Kind.H2, h2, null));
    }

    public static TestDatabase postgresql() {
        String schema = "crm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        PGSimpleDataSource admin = postgresDataSource(null);
        execute(admin, "CREATE SCHEMA " + schema);
        return migrated(new TestDatabase(Kind.POSTGRESQL, postgresDataSource(schema), schema));
    }

    private static PGSimpleDataSource postgresDataSource(String schema) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(POSTGRESQL_URL);
        pg.setUser(POSTGRESQL_USER);
        if (schema != null) {
            pg.setCurrentSchema(schema);
        }
        return pg;
    }

    private static TestDatabase migrated(TestDatabase database) {
        var flyway = Flyway.configure(TestDatabase.class.getClassLoader())
                .dataSource(database.dataSource)
                .locations(migrationLocations(database.kind));
        if (database.schema != null) {
            flyway.schemas(database.schema).defaultSchema(database.schema);
        }
        flyway.load().migrate();
        return database;
    }

    /** As the server migrates: the shared migrations, and PostgreSQL's own on PostgreSQL. */
    public static String[] migrationLocations(Kind kind) {
        return Databases.migrationLocations(kind == Kind.POSTGRESQL);
    }

    public Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public synchronized EntityManagerFactory entityManagerFactory() {
        if (emf == null) {
            emf = new PersistenceProvider().createContainerEntityManagerFactory(new SeUnit(dataSource), Map.of());
        }
        return emf;
    }

    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = entityManagerFactory().createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    public void execute(String sql) {
        execute(dataSource, sql);
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        if (emf != null) {
            emf.close();
        }
        if (kind == Kind.POSTGRESQL) {
            execute(postgresDataSource(null), "DROP SCHEMA " + schema + " CASCADE");
        } else {
            execute(dataSource, "SHUTDOWN");
        }
    }

    /** The entity classes the production unit lists: tests fail if an entity is left out there. */
    static List<String> productionEntityClasses() {
        try (InputStream xml = TestDatabase.class.getResourceAsStream("/META-INF/persistence.xml")) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList classes = factory.newDocumentBuilder().parse(xml).getElementsByTagNameNS("*", "class");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < classes.getLength(); i++) {
                names.add(classes.item(i).getTextContent().strip());
            }
            return names;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the production persistence.xml", e);
        }
    }

    private static final class SeUnit implements PersistenceUnitInfo {

        private final DataSource dataSource;
        private final Properties properties = new Properties();

        SeUnit(DataSource dataSource) {
            this.dataSource = dataSource;
            Map<String, String> settings = new HashMap<>();
            settings.put("eclipselink.weaving", "false");
            settings.put("eclipselink.ddl-generation", "none");
            settings.put("eclipselink.logging.level", System.getProperty("test.eclipselink.logging", "WARNING"));
            settings.put("eclipselink.logging.level.sql", System.getProperty("test.eclipselink.logging", "WARNING"));
            settings.put("eclipselink.logging.parameters", "true");
            settings.put("eclipselink.jdbc.batch-writing", "JDBC");
            properties.putAll(settings);
        }

        @Override
        public String getPersistenceUnitName() {
            return "crm-test";
        }

        @Override
        public String getPersistenceProviderClassName() {
            return PersistenceProvider.class.getName();
        }

        @Override
        public PersistenceUnitTransactionType getTransactionType() {
            return PersistenceUnitTransactionType.RESOURCE_LOCAL;
        }

        @Override
        public DataSource getJtaDataSource() {
            return null;
        }

        @Override
        public DataSource getNonJtaDataSource() {
            return dataSource;
        }

        @Override
        public List<String> getMappingFileNames() {
            return List.of("META-INF/test-orm.xml");
        }

        @Override
        public List<URL> getJarFileUrls() {
            return List.of();
        }

        @Override
        public URL getPersistenceUnitRootUrl() {
            return TestDatabase.class.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        public List<String> getManagedClassNames() {
            return productionEntityClasses();
        }

        @Override
        public boolean excludeUnlistedClasses() {
            return true;
        }

        @Override
        public SharedCacheMode getSharedCacheMode() {
            // Round-trip tests must read the database, not EclipseLink's shared cache.
            return SharedCacheMode.NONE;
        }

        @Override
        public ValidationMode getValidationMode() {
            return ValidationMode.NONE;
        }

        @Override
        public Properties getProperties() {
            return properties;
        }

        @Override
        public String getPersistenceXMLSchemaVersion() {
            return "3.0";
        }

        @Override
        public ClassLoader getClassLoader() {
            return TestDatabase.class.getClassLoader();
        }

        @Override
        public void addTransformer(ClassTransformer transformer) {
            // weaving is off
        }

        @Override
        public ClassLoader getNewTempClassLoader() {
            return TestDatabase.class.getClassLoader();
        }
    }
}
