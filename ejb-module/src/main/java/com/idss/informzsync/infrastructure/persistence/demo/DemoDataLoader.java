package com.idss.informzsync.infrastructure.persistence.demo;

import static com.idss.informzsync.domain.list.query.CriteriaGroup.all;
import static com.idss.informzsync.domain.list.query.CriteriaGroup.any;
import static com.idss.informzsync.domain.list.query.Criterion.between;
import static com.idss.informzsync.domain.list.query.Criterion.equalTo;
import static com.idss.informzsync.domain.list.query.Criterion.in;

import com.idss.informzsync.domain.account.Account;
import com.idss.informzsync.domain.account.AccountType;
import com.idss.informzsync.domain.account.PostalAddress;
import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.query.ContactField;
import jakarta.persistence.EntityManager;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Fills an empty CRM with a destination-marketing organisation's customers: hotels, venues,
 * meeting planners, media and more; about three hundred contacts including duplicates, invalid and
 * missing emails, inactive people and names that exercise escaping and Unicode; and seven lists,
 * hand-picked and query-based. Same seed, same data. Does nothing if any account exists.
 * Runs in the caller's transaction.
 */
public class DemoDataLoader {

    private static final long SEED = 20_240_601L;
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2019, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    private static final String[] FIRST_NAMES = {"Ann", "Bob", "Carla", "Dan", "Eve", "Frank", "Gina", "Hal", "Ivy", "José",
        "Zoë", "Siobhán", "Mårten", "Aoife", "Luis", "Priya", "Chen", "Fatima", "Olu", "Renée", "Björn", "Grace", "Mateo",
        "Hana", "Liam", "Noor", "Sean", "Yuki", "Élodie", "Kwame"};
    private static final String[] LAST_NAMES = {"O'Brien", "Smith", "Núñez", "Brown", "Müller", "D'Angelo", "Nguyễn",
        "García", "Johnson", "Kowalski", "Okafor", "Lefèvre", "Andersson", "Patel", "Wang", "Haddad", "McAllister",
        "Rossi", "Tanaka", "Dubois", "O'Neill", "Schäfer", "Svensson", "Ó Súilleabháin", "Williams"};
    private static final String[][] FLORIDA = {{"Tampa", "FL", "33602"}, {"St. Petersburg", "FL", "33701"},
        {"Clearwater", "FL", "33755"}, {"Orlando", "FL", "32801"}, {"Miami", "FL", "33131"}};
    private static final String[][] PLANNER_CITIES = {{"New York", "NY", "10001"}, {"Boston", "MA", "02108"},
        {"Philadelphia", "PA", "19103"}, {"Washington", "DC", "20001"}, {"Chicago", "IL", "60601"},
        {"Atlanta", "GA", "30303"}, {"Dallas", "TX", "75201"}, {"San Francisco", "CA", "94103"}};
    private static final String[] TAGS = {"vip", "golf", "fam-tour", "imex", "ibtm", "wedding", "sports", "board",
        "sustainability", "returning-client"};

    private final EntityManager em;
    private final Random random = new Random(SEED);

    public DemoDataLoader(EntityManager em) {
        this.em = em;
    }

    /** @return whether anything was loaded */
    public boolean loadIfEmpty() {
        if (em.createQuery("select count(a) from Account a", Long.class).getSingleResult() > 0) {
            return false;
        }
        List<Account> accounts = accounts();
        List<Contact> contacts = new ArrayList<>();
        for (Account account : accounts) {
            int people = switch (account.getType()) {
                case HOTEL -> 4 + random.nextInt(5);
                case MEETING_PLANNER -> 3 + random.nextInt(4);
                case VENUE, MEDIA -> 3 + random.nextInt(3);
                default -> 2 + random.nextInt(3);
            };
            for (int i = 0; i < people; i++) {
                contacts.add(contact(account));
            }
        }
        oddities(accounts, contacts);
        em.flush();
        lists(contacts);
        em.flush();
        return true;
    }

    private List<Account> accounts() {
        List<Account> accounts = new ArrayList<>();
        String[] hotels = {"Harbour Island Hotel", "Bayfront Marriott", "Gulf Breeze Resort & Spa", "The Vinoy Renaissance",
            "Sandpearl Resort", "Hôtel Le Clair", "Downtown Hyatt Place", "Seaside Inn & Suites", "Palm Court Hotel",
            "Westshore Grand", "Beachcomber Lodge", "Riverwalk Suites", "Sunset Vista Hotel", "Ybor City Boutique Hotel",
            "Pier House 60", "Casa Blanca Resort", "Island Way Grand", "The Tradewinds", "Citrus Park Inn", "Marina Cove Hotel"};
        for (String name : hotels) {
            accounts.add(account(name, AccountType.HOTEL, FLORIDA));
        }
        String[] venues = {"Tampa Convention Center", "Amalie Arena", "Mahaffey Theater", "Coliseum Ballroom",
            "Florida Aquarium Events", "Straz Center", "Armature Works Hall", "Raymond James Stadium", "Port Tampa Bay Terminal",
            "Sunken Gardens"};
        for (String name : venues) {
            accounts.add(account(name, AccountType.VENUE, FLORIDA));
        }
        String[] planners = {"Summit Meeting Planners", "Conference Direct East", "Helms Briscoe Partners",
            "Association Events Inc.", "Incentive Journeys", "Northeast Medical Meetings", "Capitol Congress Services",
            "Windy City Events", "Lone Star Incentives", "Bay Area Offsites", "Peachtree Planners", "Événements Montréal"};
        for (String name : planners) {
            accounts.add(account(name, AccountType.MEETING_PLANNER, PLANNER_CITIES));
        }
        accounts.get(accounts.size() - 1).moveTo(new PostalAddress("1200 rue Sainte-Catherine", "Montréal", "QC", "H3B 1K9", "CA"));
        String[] media = {"Travel + Leisure", "Meetings Today", "Successful Meetings", "Condé Nast Traveler",
            "Tampa Bay Times Travel", "Smart Meetings", "Northstar Meetings Group", "Globe & Mail Travel"};
        for (String name : media) {
            accounts.add(account(name, AccountType.MEDIA, PLANNER_CITIES));
        }
        for (String name : new String[] {"Busch Gardens", "Dalí Museum", "Clearwater Marine Aquarium", "Glazer Children's Museum",
            "Chihuly Collection"}) {
            accounts.add(account(name, AccountType.ATTRACTION, FLORIDA));
        }
        for (String name : new String[] {"O'Brien & <Sons> Catering", "Bern's Steak House", "Columbia Restaurant",
            "Café Ñandú", "Oxford Exchange"}) {
            accounts.add(account(name, AccountType.RESTAURANT, FLORIDA));
        }
        accounts.add(account("Visit Tampa Bay Partners Council", AccountType.OTHER, FLORIDA));
        accounts.get(3).deactivate();
        return accounts;
    }

    private Account account(String name, AccountType type, String[][] places) {
        String[] place = places[random.nextInt(places.length)];
        Account account = new Account(name, type, new PostalAddress((100 + random.nextInt(9800)) + " " + pick(
                new String[] {"Bayshore Blvd", "Channelside Dr", "Main St", "Gulf Blvd", "Central Ave", "Market St"}),
                place[0], place[1], place[2], "US"));
        account.backdateCreation(createdSometime());
        em.persist(account);
        return account;
    }

    private Contact contact(Account account) {
        String first = pick(FIRST_NAMES);
        String last = pick(LAST_NAMES);
        Contact contact = new Contact(first, last, emailFor(first, last, account));
        contact.assignTo(account);
        contact.changeTitle(titleFor(account.getType()));
        contact.changePhone(String.format("+1 %03d-555-%04d", 200 + random.nextInt(700), random.nextInt(10_000)));
        PostalAddress address = account.getAddress();
        contact.changeLocation(address.getCity(), address.getState(), address.getPostalCode());
        int tagCount = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(2);
        for (int i = 0; i < tagCount; i++) {
            contact.tag(pick(TAGS));
        }
        if (account.getType() == AccountType.MEDIA) {
            contact.tag("press");
        }
        if (random.nextInt(100) < 5) {
            contact.deactivate();
        }
        contact.backdateCreation(createdSometime());
        em.persist(contact);
        return contact;
    }

    /** The awkward records every real CRM has. */
    private void oddities(List<Account> accounts, List<Contact> contacts) {
        Account catering = accounts.stream().filter(a -> a.getName().startsWith("O'Brien")).findFirst().orElseThrow();
        Contact owner = new Contact("Máire", "O'Brien & <Sons>", "maire@obrien-and-sons.ie");
        owner.assignTo(catering);
        owner.changeTitle("Owner & \"Head Chef\"");
        owner.tag("vip");
        owner.backdateCreation(EPOCH);
        em.persist(owner);
        contacts.add(owner);

        String[] badEmails = {"frank.miller@gmail", "sales@@harbourisland.com", "events team@vinoy.com", "n/a",
            "jane.doe@bayfront..com", "  ", null, null, "bob@example.com (old)"};
        for (int i = 0; i < badEmails.length; i++) {
            Contact contact = contacts.get(7 + i * 23);
            contact.changeEmail(badEmails[i]);
        }
        // Same person entered twice (or a shared mailbox): typed differently, entered later.
        for (int i = 0; i < 4; i++) {
            Contact original = contacts.get(11 + i * 41);
            if (original.getEmail() == null) {
                continue;
            }
            Contact twin = new Contact(original.getFirstName(), original.getLastName(),
                    " " + original.getEmail().toUpperCase(Locale.ROOT));
            twin.assignTo(original.getAccount());
            twin.changeTitle(original.getTitle());
            twin.backdateCreation(original.getCreatedAt().plusDays(30 + i));
            em.persist(twin);
            contacts.add(twin);
        }
    }

    private void lists(List<Contact> contacts) {
        DistributionList hotels = list("Hotel Partners", "Every contact at a partner hotel.");
        hotels.addSavedQuery("Hotels", all(equalTo(ContactField.ACCOUNT_TYPE, "HOTEL")));

        DistributionList northeast = list("Meeting Planners – Northeast", "Planners based in the Northeast corridor.");
        northeast.addSavedQuery("Northeast planners", all(equalTo(ContactField.ACCOUNT_TYPE, "MEETING_PLANNER"),
                in(ContactField.ACCOUNT_STATE, "NY", "MA", "PA", "NJ", "DC")));

        DistributionList media = list("Media & Press", "Journalists and editors for press releases.");
        media.addSavedQuery("Media or press-tagged", any(equalTo(ContactField.ACCOUNT_TYPE, "MEDIA"),
                equalTo(ContactField.TAG, "press")));

        DistributionList famTour = list("VIP Fam Tour 2025", "Hand-picked guests for the spring familiarisation tour.");
        famTour.mapToInformzInterest("Fam Tour 2025 (VIP)");
        for (int i = 0; i < 15; i++) {
            famTour.addMember(contacts.get((i * 19 + 5) % contacts.size()));
        }

        DistributionList golf = list("Golf Outing", "Golfers, plus a few guests the sales team invited.");
        golf.addSavedQuery("Tagged golf", all(equalTo(ContactField.TAG, "golf")));
        for (int i = 0; i < 3; i++) {
            golf.addMember(contacts.get(i * 50 + 2));
        }

        DistributionList venues = list("New Venue & Attraction Contacts", "Added since 2024: welcome series.");
        venues.addSavedQuery("Recent venues and attractions", all(in(ContactField.ACCOUNT_TYPE, "VENUE", "ATTRACTION"),
                between(ContactField.CREATED_DATE, "2024-01-01", null)));

        DistributionList board = list("Board Updates", "Internal list; not synced to Informz.");
        board.syncToInformz(false);
        contacts.stream().filter(c -> c.getTags().contains("board")).forEach(board::addMember);
    }

    private DistributionList list(String name, String description) {
        DistributionList list = new DistributionList(name, description);
        em.persist(list);
        return list;
    }

    private String emailFor(String first, String last, Account account) {
        String domain = ascii(account.getName()).replaceAll("[^a-z0-9]+", "");
        domain = domain.substring(0, Math.min(domain.length(), 18)) + pick(new String[] {".com", ".com", ".org", ".net"});
        String local = (ascii(first) + "." + ascii(last)).replaceAll("[^a-z0-9.]+", "");
        return (random.nextBoolean() ? capitalised(local) : local) + (random.nextInt(4) == 0 ? random.nextInt(99) : "") + "@" + domain;
    }

    private static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private String titleFor(AccountType type) {
        return pick(switch (type) {
            case HOTEL -> new String[] {"Director of Sales", "Sales Manager", "General Manager", "Catering Manager",
                "Group Sales Coordinator"};
            case VENUE -> new String[] {"Event Manager", "Booking Director", "Operations Manager"};
            case MEETING_PLANNER -> new String[] {"Senior Meeting Planner", "Event Coordinator", "Procurement Lead",
                "Partner"};
            case MEDIA -> new String[] {"Editor", "Travel Writer", "Contributing Editor", "Producer"};
            case ATTRACTION -> new String[] {"Group Sales Manager", "Marketing Director"};
            case RESTAURANT -> new String[] {"Owner", "Private Dining Manager"};
            case OTHER -> new String[] {"Board Member", "Council Chair"};
        });
    }

    private OffsetDateTime createdSometime() {
        return EPOCH.plusDays(random.nextInt(6 * 365)).plusMinutes(random.nextInt(600));
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
