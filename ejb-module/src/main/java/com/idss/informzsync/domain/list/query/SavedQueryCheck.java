package com.idss.informzsync.domain.list.query;

import com.idss.informzsync.domain.contact.Contact;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Locale;

/**
 * Decides in memory whether a saved query matches a contact, where the answer is certain to be the
 * database's: tags (stored normalised, compared as the SQL compares them), the account type, the
 * creation day, and text that is plain ASCII on both sides (where every database lower-cases the same
 * way). Anything else, a range over text (its order is the database's collation) or text with other
 * characters (lower-casing them is the database's too), is left to the database. A contact's sync
 * checks every synced list: at a large DMO's 500 lists, one SQL query evaluating them all took
 * seconds per contact.
 */
public final class SavedQueryCheck {

    /** The answer for one contact; {@link #ASK_THE_DATABASE} when only the database can tell. */
    public enum Verdict {
        MATCHES, DOES_NOT_MATCH, ASK_THE_DATABASE;

        /** Three-valued AND: one no decides; one open answer leaves it open unless a no decides. */
        Verdict and(Verdict other) {
            if (this == DOES_NOT_MATCH || other == DOES_NOT_MATCH) {
                return DOES_NOT_MATCH;
            }
            return this == MATCHES && other == MATCHES ? MATCHES : ASK_THE_DATABASE;
        }

        /** Three-valued OR. */
        Verdict or(Verdict other) {
            if (this == MATCHES || other == MATCHES) {
                return MATCHES;
            }
            return this == DOES_NOT_MATCH && other == DOES_NOT_MATCH ? DOES_NOT_MATCH : ASK_THE_DATABASE;
        }

        static Verdict of(boolean matches) {
            return matches ? MATCHES : DOES_NOT_MATCH;
        }
    }

    private SavedQueryCheck() {
    }

    /** Whether any of a list's saved queries matches the contact. */
    public static Verdict anyOf(Collection<? extends QueryNode> queries, ContactFacts contact) {
        Verdict verdict = Verdict.DOES_NOT_MATCH;
        for (QueryNode query : queries) {
            verdict = verdict.or(verdict(query, contact));
            if (verdict == Verdict.MATCHES) {
                break;
            }
        }
        return verdict;
    }

    public static Verdict verdict(QueryNode node, ContactFacts contact) {
        if (node instanceof CriteriaGroup group) {
            boolean all = group.match() == Match.ALL;
            Verdict verdict = all ? Verdict.MATCHES : Verdict.DOES_NOT_MATCH;
            for (QueryNode child : group.children()) {
                Verdict of = verdict(child, contact);
                verdict = all ? verdict.and(of) : verdict.or(of);
            }
            return verdict;
        }
        Criterion criterion = (Criterion) node;
        return switch (criterion.field().kind()) {
            case TEXT -> text(contact.texts().get(criterion.field()), criterion);
            case CHOICE -> Verdict.of(contact.accountType() != null && criterion.values().contains(contact.accountType()));
            case DATE -> Verdict.of(createdOn(contact.createdAt(), criterion));
            case TAG -> Verdict.of(contact.tags().stream().anyMatch(tag -> tagMatches(tag, criterion)));
        };
    }

    /** A null field compares as SQL's NULL: no criterion on it holds (saved queries have no NOT). */
    private static Verdict text(String value, Criterion criterion) {
        if (value == null) {
            return Verdict.DOES_NOT_MATCH;
        }
        if (criterion.operator() == Operator.RANGE || !ascii(value) || !criterion.values().stream().allMatch(SavedQueryCheck::ascii)) {
            return Verdict.ASK_THE_DATABASE;
        }
        String lowered = value.toLowerCase(Locale.ROOT);
        return Verdict.of(switch (criterion.operator()) {
            case EQUALS, IN -> criterion.values().stream().anyMatch(v -> lowered.equals(v.toLowerCase(Locale.ROOT)));
            case CONTAINS -> lowered.contains(criterion.value().toLowerCase(Locale.ROOT));
            case RANGE -> throw new IllegalStateException("left to the database above");
        });
    }

    /** As the SQL: EQUALS and IN on the normalised value, CONTAINS as a substring of the stored tag. */
    private static boolean tagMatches(String tag, Criterion criterion) {
        return switch (criterion.operator()) {
            case EQUALS, IN -> criterion.values().stream().anyMatch(v -> tag.equals(Contact.normaliseTag(v)));
            case CONTAINS -> tag.contains(criterion.value().toLowerCase(Locale.ROOT));
            case RANGE -> throw new IllegalStateException("RANGE is not allowed on tags");
        };
    }

    /** UTC calendar days, the end day included, as the SQL bounds them. */
    private static boolean createdOn(OffsetDateTime created, Criterion criterion) {
        String from = criterion.operator() == Operator.EQUALS ? criterion.value() : criterion.from();
        String to = criterion.operator() == Operator.EQUALS ? criterion.value() : criterion.to();
        if (created == null) {
            return false;
        }
        if (from != null && created.isBefore(startOf(LocalDate.parse(from)))) {
            return false;
        }
        return to == null || created.isBefore(startOf(LocalDate.parse(to).plusDays(1)));
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
