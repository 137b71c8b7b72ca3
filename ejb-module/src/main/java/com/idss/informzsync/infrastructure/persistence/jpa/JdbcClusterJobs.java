package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.application.sync.ClusterJobs;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A job's turn is one conditional UPDATE of its {@code cluster_job} row, committed at once: of two
 * nodes asking at the same moment, the database lets exactly one change the row.
 */
@Stateless
public class JdbcClusterJobs implements ClusterJobs {

    private static final String CLAIM = "UPDATE cluster_job SET last_started_at = CURRENT_TIMESTAMP, started_by = ? "
            + "WHERE job = ? AND (last_started_at IS NULL OR (? AND started_by = ?) "
            + "OR last_started_at < CURRENT_TIMESTAMP - CAST(? AS INTEGER) * INTERVAL '1' SECOND)";

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String job, Duration sinceLastStart, boolean sameNodeMayRepeat) {
        String node = currentNodeName();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, node);
            claim.setString(2, job);
            claim.setBoolean(3, sameNodeMayRepeat);
            claim.setString(4, node);
            claim.setInt(5, Math.toIntExact(sinceLastStart.toSeconds()));
            return claim.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim the cluster job " + job, e);
        }
    }

    String currentNodeName() {
        return nodeName();
    }

    /** WildFly's node name (unique per node in a cluster), else the host's. */
    static String nodeName() {
        String node = System.getProperty("jboss.node.name");
        if (node != null && !node.isBlank()) {
            return node;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
