package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.CallQueries;
import com.idss.informzsync.application.console.CallRow;
import com.idss.informzsync.application.console.ListChoice;
import com.idss.informzsync.application.console.ListQueries;
import com.idss.informzsync.application.console.Page;
import com.idss.informzsync.domain.sync.InformzCallOutcome;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.util.List;

/** Recent Informz calls, newest first, filterable by contact, list and outcome. */
@Named("calls")
@ViewScoped
public class CallsBean extends PagedTable<CallRow> {

    private static final long serialVersionUID = 1L;

    @EJB
    CallQueries queries;

    @EJB
    ListQueries lists;

    private Integer contactId;
    private Long listId;
    private InformzCallOutcome outcome;

    public CallsBean() {
        super(25);
    }

    @Override
    protected Page<CallRow> read(int first, int size) {
        return queries.calls(contactId, listId, outcome, first, size);
    }

    public List<ListChoice> getLists() {
        return lists.allLists();
    }

    public InformzCallOutcome[] getOutcomes() {
        return InformzCallOutcome.values();
    }

    public Integer getContactId() {
        return contactId;
    }

    public void setContactId(Integer contactId) {
        this.contactId = contactId;
    }

    public Long getListId() {
        return listId;
    }

    public void setListId(Long listId) {
        this.listId = listId;
    }

    public InformzCallOutcome getOutcome() {
        return outcome;
    }

    public void setOutcome(InformzCallOutcome outcome) {
        this.outcome = outcome;
    }
}
