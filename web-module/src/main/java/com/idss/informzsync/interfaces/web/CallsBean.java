package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.CallRow;
import com.idss.informzsync.application.console.ConsoleQueries;
import com.idss.informzsync.application.console.ListChoice;
import com.idss.informzsync.application.console.Page;
import com.idss.informzsync.domain.sync.InformzCallOutcome;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Recent Informz calls, newest first, filterable by contact, list and outcome. */
@Named("calls")
@ViewScoped
public class CallsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ConsoleQueries queries;

    private final Pager pager = new Pager(25);
    private Integer contactId;
    private Long listId;
    private InformzCallOutcome outcome;
    private transient Page<CallRow> page;

    public Page<CallRow> getPage() {
        if (page == null) {
            page = queries.calls(contactId, listId, outcome, pager.getFirst(), pager.getSize());
        }
        return page;
    }

    public void filter() {
        pager.reset();
        page = null;
    }

    public void next() {
        pager.next();
        page = null;
    }

    public void previous() {
        pager.previous();
        page = null;
    }

    public List<ListChoice> getLists() {
        return queries.allLists();
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
