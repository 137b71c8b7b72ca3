package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.ConsoleQueries;
import com.idss.informzsync.application.console.ContactRow;
import com.idss.informzsync.application.console.Page;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;

/** The contacts search: name or email, paged in the database. */
@Named("contacts")
@ViewScoped
public class ContactsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ConsoleQueries queries;

    private final Pager pager = new Pager(25);
    private String text;
    private boolean includeInactive = true;
    private transient Page<ContactRow> page;

    public Page<ContactRow> getPage() {
        if (page == null) {
            page = queries.searchContacts(text, includeInactive, pager.getFirst(), pager.getSize());
        }
        return page;
    }

    public void search() {
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

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public boolean isIncludeInactive() {
        return includeInactive;
    }

    public void setIncludeInactive(boolean includeInactive) {
        this.includeInactive = includeInactive;
    }
}
