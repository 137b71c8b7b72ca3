package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.Page;
import com.idss.informzsync.application.inbox.InvalidMessageView;
import com.idss.informzsync.application.inbox.InvalidMessages;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/** Messages other applications sent to the CRM inbox that were refused, newest first, by sender. */
@Named("invalidMessages")
@ViewScoped
public class InvalidMessagesBean extends PagedTable<InvalidMessageView> {

    private static final long serialVersionUID = 1L;

    @EJB
    InvalidMessages messages;

    private String sender;

    public InvalidMessagesBean() {
        super(25);
    }

    @Override
    protected Page<InvalidMessageView> read(int first, int size) {
        String filter = sender == null || sender.isBlank() ? null : sender.strip();
        return new Page<>(messages.newestFirst(filter, first, size), messages.count(filter), first, size);
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }
}
