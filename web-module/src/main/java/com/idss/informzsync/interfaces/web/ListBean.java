package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.ContactQueries;
import com.idss.informzsync.application.console.ContactRow;
import com.idss.informzsync.application.console.ListEditor;
import com.idss.informzsync.application.console.ListProposal;
import com.idss.informzsync.application.console.ListQueries;
import com.idss.informzsync.application.console.MemberRow;
import com.idss.informzsync.application.console.MembershipPreview;
import com.idss.informzsync.application.console.Page;
import com.idss.informzsync.application.console.RunView;
import com.idss.informzsync.application.crm.ListDraft;
import com.idss.informzsync.application.sync.SyncCommands;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.InvalidQueryException;
import com.idss.informzsync.domain.list.query.QueryJson;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list editor: details, hand-picked contacts, saved queries as forms, a preview of what Save
 * would change in Informz, Sync now with its progress, and the members table. Changes are kept
 * here until Save, which applies them all in one transaction.
 */
@Named("listEditor")
@ViewScoped
public class ListBean implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MEMBER_PAGE = 25;
    private static final long POLL_AFTER_REQUEST_MILLIS = 60_000;

    @EJB
    ListQueries queries;

    @EJB
    ContactQueries contactQueries;

    @EJB
    ListEditor editor;

    @Inject
    SyncCommands commands;

    private Long id;
    private boolean found = true;
    private String name;
    private String description;
    private String interestName;
    private boolean syncToInformz = true;
    private boolean active = true;
    private boolean savedSync = true;

    private List<ContactRow> explicitMembers = new ArrayList<>();
    private final Set<Integer> removeIds = new HashSet<>();
    private final Map<Integer, ContactRow> added = new LinkedHashMap<>();
    private String contactSearch;
    private transient Page<ContactRow> searchResults;

    private final List<QueryForm> queryForms = new ArrayList<>();
    private final Set<Long> removedQueryIds = new HashSet<>();

    /** Per view: a value list is read once, a query counted once per shape. */
    private final Map<ContactField, List<String>> knownValues = new HashMap<>();
    private final Map<String, Long> matchCounts = new HashMap<>();

    private MembershipPreview preview;
    private long pollUntil;

    private final List<Integer> memberPageStarts = new ArrayList<>();
    private transient List<MemberRow> members;
    private Long memberCount;

    /** f:viewAction: runs on the initial GET only. */
    public String load() {
        if (id == null) {
            return null;
        }
        var row = queries.listDetail(id).orElse(null);
        if (row == null) {
            found = false;
            Messages.error("Distribution list " + id + " does not exist.");
            return null;
        }
        name = row.name();
        description = row.description();
        interestName = row.informzInterestName();
        syncToInformz = row.syncToInformz();
        savedSync = row.syncToInformz();
        active = row.active();
        row.queries().forEach(q -> queryForms.add(QueryForm.of(q.id(), q.name(), q.criteria())));
        explicitMembers = new ArrayList<>(queries.explicitMembers(id));
        memberPageStarts.add(null);
        return null;
    }

    // ------------------------------------------------------------ hand-picked contacts

    public void searchContacts() {
        searchResults = contactSearch == null || contactSearch.isBlank() ? null
                : contactQueries.searchContacts(contactSearch, false, 0, 10);
    }

    public Page<ContactRow> getSearchResults() {
        return searchResults;
    }

    public void addContact(ContactRow contact) {
        if (!removeIds.remove(contact.id()) && explicitMembers.stream().noneMatch(m -> m.id() == contact.id())) {
            added.put(contact.id(), contact);
        }
        preview = null;
        searchContacts();
    }

    public void toggleRemove(ContactRow contact) {
        if (!removeIds.remove(contact.id())) {
            removeIds.add(contact.id());
        }
        preview = null;
    }

    public void undoAdd(ContactRow contact) {
        added.remove(contact.id());
        preview = null;
    }

    public boolean isMarkedForRemoval(ContactRow contact) {
        return removeIds.contains(contact.id());
    }

    public List<ContactRow> getAdded() {
        return new ArrayList<>(added.values());
    }

    // ------------------------------------------------------------ saved queries

    public void addQuery() {
        QueryForm form = QueryForm.empty();
        form.setName("Query " + (queryForms.size() + 1));
        queryForms.add(form);
        preview = null;
    }

    public void removeQuery(QueryForm form) {
        queryForms.remove(form);
        if (form.getId() != null) {
            removedQueryIds.add(form.getId());
        }
        preview = null;
    }

    public void addRow(GroupForm group) {
        group.addRow();
        preview = null;
    }

    public void addGroup(GroupForm group) {
        group.addGroup();
        preview = null;
    }

    /** Removes a row, or a group with everything in it, from the group holding it. */
    public void remove(GroupForm holder, Serializable rowOrGroup) {
        holder.remove(rowOrGroup);
        preview = null;
    }

    // ------------------------------------------------------------ save and preview

    public String save() {
        try {
            long saved = editor.save(id, proposal());
            Messages.info(id == null ? "List created." : "List saved.");
            return "/list?faces-redirect=true&id=" + saved;
        } catch (RuntimeException e) {
            Messages.refused(e);
            return null;
        }
    }

    public void preview() {
        try {
            preview = editor.preview(id, proposal());
        } catch (RuntimeException e) {
            preview = null;
            Messages.refused(e);
        }
    }

    private ListProposal proposal() {
        List<ListProposal.Query> proposed = new ArrayList<>();
        for (QueryForm form : queryForms) {
            proposed.add(new ListProposal.Query(form.getId(), form.getName(), form.toCriteria(this::hasValueList)));
        }
        return new ListProposal(new ListDraft(name, description, interestName, syncToInformz, active),
                added.keySet(), removeIds, proposed, removedQueryIds);
    }

    // ------------------------------------------------------------ sync now and progress

    public void syncNow() {
        requestRun(() -> commands.syncListNow(id), "Sync requested.");
    }

    public void checkNow() {
        requestRun(() -> commands.checkListNow(id), "Check against Informz requested.");
    }

    /** Asks for a run of this list, and follows its progress until it shows up. */
    private void requestRun(Runnable request, String requested) {
        try {
            request.run();
            pollUntil = System.currentTimeMillis() + POLL_AFTER_REQUEST_MILLIS;
            Messages.info(requested);
        } catch (RuntimeException e) {
            Messages.refused(e);
        }
    }

    public RunView getLatestRun() {
        return id == null ? null : queries.latestRunOf(id).orElse(null);
    }

    /** Keep refreshing while a run is going, and for a while after Sync now (until its run shows up). */
    public boolean isPolling() {
        RunView run = getLatestRun();
        return run != null && run.running() || System.currentTimeMillis() < pollUntil;
    }

    public void refreshProgress() {
        // Re-rendering reads the latest run again.
    }

    // ------------------------------------------------------------ members table

    public List<MemberRow> getMembers() {
        if (members == null && id != null) {
            Integer after = memberPageStarts.get(memberPageStarts.size() - 1);
            members = queries.members(id, after, MEMBER_PAGE);
        }
        return members;
    }

    public long getMemberCount() {
        if (memberCount == null) {
            memberCount = id == null ? 0L : queries.countMembers(id);
        }
        return memberCount;
    }

    public boolean isMembersHasNext() {
        return getMembers() != null && getMembers().size() == MEMBER_PAGE;
    }

    public boolean isMembersHasPrevious() {
        return memberPageStarts.size() > 1;
    }

    public int getMembersFrom() {
        return (memberPageStarts.size() - 1) * MEMBER_PAGE + 1;
    }

    public void membersNext() {
        List<MemberRow> page = getMembers();
        memberPageStarts.add(page.get(page.size() - 1).id());
        members = null;
    }

    public void membersPrevious() {
        memberPageStarts.remove(memberPageStarts.size() - 1);
        members = null;
    }

    // ------------------------------------------------------------ choices and properties

    public List<SelectItem> getFieldChoices() {
        return QueryWords.fields();
    }

    public List<SelectItem> operatorChoices(CriterionForm row) {
        return QueryWords.operators(row.getField());
    }

    public List<SelectItem> getMatchChoices() {
        return QueryWords.matches();
    }

    /** Whether the row picks its values from a list (account type, state) rather than typing them. */
    public boolean hasValueList(ContactField field) {
        return !knownValues(field).isEmpty();
    }

    public List<SelectItem> valueChoices(CriterionForm row) {
        return knownValues(row.getField()).stream()
                .map(value -> new SelectItem(value, row.getField().choices().isEmpty() ? value : QueryWords.choice(value)))
                .toList();
    }

    private List<String> knownValues(ContactField field) {
        return knownValues.computeIfAbsent(field, editor::knownValues);
    }

    /**
     * The query's live count, in words: how many active contacts it matches as it stands, or what it
     * still needs. Counted again only when the query changed.
     */
    public String matchCount(QueryForm form) {
        if (!form.isComplete(this::hasValueList)) {
            return "Fill in every row to see how many contacts it matches.";
        }
        try {
            String key = QueryJson.write(form.toCriteria(this::hasValueList));
            long count = matchCounts.computeIfAbsent(key, k -> editor.matchCount(form.toCriteria(this::hasValueList)));
            return count == 1 ? "Matches 1 active contact now." : "Matches " + count + " active contacts now.";
        } catch (InvalidQueryException invalid) {
            return "Not a query yet: " + invalid.getMessage() + ".";
        } catch (EJBException failed) {
            return "Could not count: " + failed.getMessage();
        }
    }

    public int getInterestNameMax() {
        return DistributionList.MAX_INTEREST_NAME_LENGTH;
    }


    public boolean isNew() {
        return id == null;
    }

    public boolean isFound() {
        return found;
    }

    public boolean isSavedSync() {
        return savedSync;
    }

    public MembershipPreview getPreview() {
        return preview;
    }

    public List<QueryForm> getQueryForms() {
        return queryForms;
    }

    public List<ContactRow> getExplicitMembers() {
        return explicitMembers;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getInterestName() {
        return interestName;
    }

    public void setInterestName(String interestName) {
        this.interestName = interestName;
    }

    public boolean isSyncToInformz() {
        return syncToInformz;
    }

    public void setSyncToInformz(boolean syncToInformz) {
        this.syncToInformz = syncToInformz;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getContactSearch() {
        return contactSearch;
    }

    public void setContactSearch(String contactSearch) {
        this.contactSearch = contactSearch;
    }
}
