package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.domain.account.Account;
import com.idss.informzsync.domain.account.AccountType;
import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.list.query.Match;
import com.idss.informzsync.domain.list.query.Operator;
import com.idss.informzsync.domain.list.query.QueryNode;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a saved query into a Criteria predicate over one contact. Text compares
 * case-insensitively; account criteria go through a left join, so a contact without an account
 * matches none of them; tag criteria hold when any of the contact's tags matches; dates are UTC
 * calendar days.
 */
final class SavedQueryPredicates {

    /**
     * The escape of {@code containsPattern}: the default of LIKE in both PostgreSQL and H2, so no ESCAPE
     * clause is written. With one, EclipseLink wrote the statement's values into the SQL on H2 instead
     * of binding them (its H2 platform takes ESCAPE for a function), and the active-contacts filter
     * became {@code active <> 0}, which H2 refuses for a boolean column: a list whose saved query
     * had a "contains" on text could not be read on H2.
     */
    private static final String LIKE_DEFAULT_ESCAPE = "\\";

    private final CriteriaBuilder cb;
    private final AbstractQuery<?> query;
    private final Root<Contact> contact;
    private final QueryParameters parameters;
    private Join<Contact, Account> account;

    SavedQueryPredicates(CriteriaBuilder cb, AbstractQuery<?> query, Root<Contact> contact, QueryParameters parameters) {
        this.cb = cb;
        this.query = query;
        this.contact = contact;
        this.parameters = parameters;
    }

    Predicate matches(QueryNode node) {
        if (node instanceof CriteriaGroup group) {
            Predicate[] children = group.children().stream().map(this::matches).toArray(Predicate[]::new);
            return group.match() == Match.ALL ? cb.and(children) : cb.or(children);
        }
        return matches((Criterion) node);
    }

    private Predicate matches(Criterion criterion) {
        return switch (criterion.field().kind()) {
            case TEXT -> text(textPath(criterion.field()), criterion);
            case CHOICE -> accountType(criterion);
            case DATE -> createdOn(criterion);
            case TAG -> tagged(criterion);
        };
    }

    private Path<String> textPath(ContactField field) {
        return switch (field) {
            case FIRST_NAME -> contact.get("firstName");
            case LAST_NAME -> contact.get("lastName");
            case TITLE -> contact.get("title");
            case EMAIL -> contact.get("emailNormalized");
            case CITY -> contact.get("city");
            case STATE -> contact.get("state");
            case POSTAL_CODE -> contact.get("postalCode");
            case ACCOUNT_NAME -> account().get("name");
            case ACCOUNT_CITY -> account().get("address").get("city");
            case ACCOUNT_STATE -> account().get("address").get("state");
            case ACCOUNT_POSTAL_CODE -> account().get("address").get("postalCode");
            case ACCOUNT_COUNTRY -> account().get("address").get("country");
            default -> throw new IllegalStateException(field + " is not a text field");
        };
    }

    private Predicate text(Path<String> path, Criterion criterion) {
        Expression<String> lowered = cb.lower(path);
        return switch (criterion.operator()) {
            case EQUALS -> cb.equal(lowered, lowerParameter(criterion.value()));
            case CONTAINS -> cb.like(lowered, containsPattern(criterion.value()));
            case IN -> lowered.in(criterion.values().stream().map(this::lowerParameter).toArray(Expression[]::new));
            case RANGE -> {
                List<Predicate> bounds = new ArrayList<>(2);
                if (criterion.from() != null) {
                    bounds.add(cb.greaterThanOrEqualTo(lowered, lowerParameter(criterion.from())));
                }
                if (criterion.to() != null) {
                    bounds.add(cb.lessThanOrEqualTo(lowered, lowerParameter(criterion.to())));
                }
                yield cb.and(bounds.toArray(Predicate[]::new));
            }
        };
    }

    private Predicate accountType(Criterion criterion) {
        Path<AccountType> type = account().get("type");
        return type.in(criterion.values().stream()
                .map(value -> parameters.bind(AccountType.class, AccountType.valueOf(value)))
                .toArray(Expression[]::new));
    }

    private Predicate createdOn(Criterion criterion) {
        Path<OffsetDateTime> created = contact.get("createdAt");
        String from = criterion.operator() == Operator.EQUALS
                ? criterion.value() : criterion.from();
        String to = criterion.operator() == Operator.EQUALS
                ? criterion.value() : criterion.to();
        List<Predicate> bounds = new ArrayList<>(2);
        if (from != null) {
            bounds.add(cb.greaterThanOrEqualTo(created, parameters.bind(OffsetDateTime.class, startOf(LocalDate.parse(from)))));
        }
        if (to != null) {
            bounds.add(cb.lessThan(created, parameters.bind(OffsetDateTime.class, startOf(LocalDate.parse(to).plusDays(1)))));
        }
        return cb.and(bounds.toArray(Predicate[]::new));
    }

    // EXISTS rather than a join: a contact with several matching tags must still be one row. The
    // subquery reads the tag rows of the outer contact itself (see ContactTagRow for why).
    private Predicate tagged(Criterion criterion) {
        Subquery<Integer> taggedContacts = query.subquery(Integer.class);
        Root<ContactTagRow> row = taggedContacts.from(ContactTagRow.class);
        Path<String> tag = row.get("tag");
        Predicate tagMatches = switch (criterion.operator()) {
            case EQUALS -> cb.equal(tag, tagParameter(criterion.value()));
            case CONTAINS -> cb.like(tag, containsPattern(criterion.value()));
            case IN -> tag.in(criterion.values().stream().map(this::tagParameter).toArray(Expression[]::new));
            case RANGE -> throw new IllegalStateException("RANGE is not allowed on tags");
        };
        taggedContacts.select(row.get("contactId")).where(cb.equal(row.get("contactId"), contact.get("id")), tagMatches);
        return cb.exists(taggedContacts);
    }

    private Join<Contact, Account> account() {
        if (account == null) {
            account = contact.join("account", JoinType.LEFT);
        }
        return account;
    }

    private Expression<String> lowerParameter(String value) {
        return parameters.bind(String.class, value.toLowerCase(Locale.ROOT));
    }

    private Expression<String> tagParameter(String value) {
        return parameters.bind(String.class, Contact.normaliseTag(value));
    }

    private Expression<String> containsPattern(String value) {
        String escaped = value.toLowerCase(Locale.ROOT).replace(LIKE_DEFAULT_ESCAPE, LIKE_DEFAULT_ESCAPE + LIKE_DEFAULT_ESCAPE)
                .replace("%", LIKE_DEFAULT_ESCAPE + "%").replace("_", LIKE_DEFAULT_ESCAPE + "_");
        return parameters.bind(String.class, "%" + escaped + "%");
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
