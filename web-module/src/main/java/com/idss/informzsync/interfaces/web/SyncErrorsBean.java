package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.ListChoice;
import com.idss.informzsync.application.console.ListQueries;
import com.idss.informzsync.application.console.Page;
import com.idss.informzsync.application.console.SyncErrorQueries.ErrorSort;
import com.idss.informzsync.application.console.SyncErrorQueries;
import com.idss.informzsync.application.console.SyncErrorRow;
import com.idss.informzsync.application.sync.SyncCommands;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Contact-lists in ERROR or RETRYING: filter, sort, page, resync one, a selection or all. */
@Named("syncErrors")
@ViewScoped
public class SyncErrorsBean extends PagedTable<SyncErrorRow> {

    private static final long serialVersionUID = 1L;

    @EJB
    SyncErrorQueries queries;

    @EJB
    ListQueries lists;

    @Inject
    SyncCommands commands;

    private SyncState state;
    private Long listId;
    private String text;
    private ErrorSort sort = ErrorSort.LAST_ATTEMPT;
    private boolean ascending;
    private final Map<Long, Boolean> selected = new HashMap<>();

    public SyncErrorsBean() {
        super(25);
    }

    @Override
    protected Page<SyncErrorRow> read(int first, int size) {
        return queries.syncErrors(state, listId, text, sort, ascending, first, size);
    }

    @Override
    public void filter() {
        selected.clear();
        super.filter();
    }

    public void sortBy(ErrorSort by) {
        ascending = by == sort ? !ascending : by == ErrorSort.CONTACT || by == ErrorSort.LIST;
        sort = by;
        filter();
    }

    public String sortMark(ErrorSort by) {
        return by != sort ? "" : ascending ? " ▲" : " ▼";
    }

    public void resyncOne(SyncErrorRow row) {
        try {
            commands.resyncContact(row.contactId());
            Messages.info("Resync requested for " + row.displayName() + ".");
        } catch (RuntimeException e) {
            Messages.refused(e);
        }
        reread();
    }

    public void resyncSelected() {
        try {
            Set<Integer> contacts = queries.contactIdsOfStates(selected.entrySet().stream()
                    .filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
            if (contacts.isEmpty()) {
                Messages.error("Select at least one row first.");
                return;
            }
            contacts.forEach(commands::resyncContact);
            Messages.info("Resync requested for " + contacts.size() + " contact(s).");
            selected.clear();
        } catch (RuntimeException e) {
            Messages.refused(e);
        }
        reread();
    }

    public void resyncAll() {
        try {
            int asked = commands.resyncAllErrors();
            Messages.info("Resync requested for " + asked + " contact(s) in error.");
        } catch (RuntimeException e) {
            Messages.refused(e);
        }
        reread();
    }

    public List<ListChoice> getLists() {
        return lists.allLists();
    }

    public ErrorSort[] getSorts() {
        return ErrorSort.values();
    }

    public SyncState[] getStates() {
        return new SyncState[] {SyncState.ERROR, SyncState.RETRYING};
    }


    public Map<Long, Boolean> getSelected() {
        return selected;
    }

    public SyncState getState() {
        return state;
    }

    public void setState(SyncState state) {
        this.state = state;
    }

    public Long getListId() {
        return listId;
    }

    public void setListId(Long listId) {
        this.listId = listId;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
