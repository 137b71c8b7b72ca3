package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.AccountChoice;
import com.idss.informzsync.application.console.ContactDetail;
import com.idss.informzsync.application.console.ContactQueries;
import com.idss.informzsync.application.console.ListQueries;
import com.idss.informzsync.application.console.ListSyncStateRow;
import com.idss.informzsync.application.console.TimelineEntry;
import com.idss.informzsync.application.crm.ContactDraft;
import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.sync.SyncCommands;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** One contact: details form, the Distribution Lists tab, and its sync story. No id: a new contact. */
@Named("contactPage")
@ViewScoped
public class ContactBean implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int TIMELINE_CALLS = 100;

    @EJB
    ContactQueries queries;

    @EJB
    ListQueries listQueries;

    @EJB
    ContactService contacts;

    @Inject
    SyncCommands commands;

    private Integer id;
    private String tab = "details";
    private ContactDetail detail;
    private List<ListCheck> lists;
    private List<ListSyncStateRow> states;
    private transient List<TimelineEntry> timeline;

    private String firstName;
    private String lastName;
    private String title;
    private String email;
    private String phone;
    private String city;
    private String state;
    private String postalCode;
    private Long accountId;
    private String tags;

    /** f:viewAction: runs on the initial GET only. */
    public String load() {
        if (id == null) {
            return null;
        }
        detail = queries.contact(id).orElse(null);
        if (detail == null) {
            Messages.error("Contact " + id + " does not exist.");
            return null;
        }
        firstName = detail.firstName();
        lastName = detail.lastName();
        title = detail.title();
        email = detail.email();
        phone = detail.phone();
        city = detail.city();
        state = detail.state();
        postalCode = detail.postalCode();
        accountId = detail.accountId();
        tags = String.join(", ", detail.tags());
        Set<Long> explicit = queries.explicitListIdsOf(id);
        lists = listQueries.allLists().stream()
                .map(l -> new ListCheck(l.id(), l.name(), l.syncToInformz(), l.active(), explicit.contains(l.id())))
                .toList();
        states = queries.syncStatesOf(id);
        return null;
    }

    public String save() {
        try {
            if (id == null) {
                int created = contacts.create(draft());
                Messages.info("Contact created.");
                return "/contact?faces-redirect=true&id=" + created;
            }
            contacts.update(id, draft());
            Messages.info("Contact saved.");
            return reload("details");
        } catch (RuntimeException e) {
            Messages.refused(e);
            return null;
        }
    }

    public String saveLists() {
        try {
            Set<Long> checked = lists.stream().filter(ListCheck::isChecked).map(ListCheck::getId)
                    .collect(Collectors.toSet());
            contacts.setDistributionLists(id, checked);
            Messages.info("Distribution lists saved; the contact will be synced.");
            return reload("lists");
        } catch (RuntimeException e) {
            Messages.refused(e);
            return null;
        }
    }

    public String deactivate() {
        try {
            contacts.deactivate(id);
            Messages.info("Contact deactivated: it will be taken off every synced Informz interest.");
            return reload(tab);
        } catch (RuntimeException e) {
            Messages.refused(e);
            return null;
        }
    }

    public String reactivate() {
        try {
            contacts.reactivate(id);
            Messages.info("Contact reactivated.");
            return reload(tab);
        } catch (RuntimeException e) {
            Messages.refused(e);
            return null;
        }
    }

    public String resync() {
        try {
            commands.resyncContact(id);
            Messages.info("Resync requested.");
            return reload(tab);
        } catch (RuntimeException e) {
            Messages.refused(e);
            return null;
        }
    }

    private String reload(String toTab) {
        return "/contact?faces-redirect=true&id=" + id + "&tab=" + toTab;
    }

    private ContactDraft draft() {
        Set<String> tagSet = tags == null ? Set.of() : Arrays.stream(tags.split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        return new ContactDraft(firstName, lastName, title, email, phone, city, state, postalCode, accountId, tagSet);
    }

    public boolean isNew() {
        return id == null;
    }

    public boolean isDuplicate() {
        return detail != null && (detail.duplicate()
                || states != null && states.stream().anyMatch(s -> s.state() == SyncState.DUPLICATE));
    }

    public boolean isSyncError() {
        return states != null && states.stream().anyMatch(s -> s.state() == SyncState.ERROR);
    }


    public List<AccountChoice> getAccounts() {
        return queries.accountChoices(accountId);
    }

    public List<TimelineEntry> getTimeline() {
        if (timeline == null && id != null) {
            timeline = queries.timelineOf(id, TIMELINE_CALLS);
        }
        return timeline;
    }

    public ContactDetail getDetail() {
        return detail;
    }

    public List<ListCheck> getLists() {
        return lists;
    }

    public List<ListSyncStateRow> getStates() {
        return states;
    }

    public Integer getId() {
        return id;
    }

    public void setId(Integer id) {
        this.id = id;
    }

    public String getTab() {
        return tab;
    }

    public void setTab(String tab) {
        this.tab = tab == null || !List.of("details", "lists", "story").contains(tab) ? "details" : tab;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public void setPostalCode(String postalCode) {
        this.postalCode = postalCode;
    }

    public Long getAccountId() {
        return accountId;
    }

    public void setAccountId(Long accountId) {
        this.accountId = accountId;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }
}
