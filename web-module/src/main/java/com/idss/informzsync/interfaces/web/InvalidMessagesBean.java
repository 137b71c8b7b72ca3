package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.Page;
import com.idss.informzsync.application.inbox.InvalidMessageView;
import com.idss.informzsync.application.inbox.InvalidMessages;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;

/** Messages other applications sent to the CRM inbox that were refused, newest first, by sender. */
@Named("invalidMessages")
@ViewScoped
public class InvalidMessagesBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    InvalidMessages messages;

    private final Pager pager = new Pager(25);
    private String sender;
    private transient Page<InvalidMessageView> page;

    public Page<InvalidMessageView> getPage() {
        if (page == null) {
            String filter = sender == null || sender.isBlank() ? null : sender.strip();
            page = new Page<>(messages.newestFirst(filter, pager.getFirst(), pager.getSize()), messages.count(filter),
                    pager.getFirst(), pager.getSize());
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

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }
}
