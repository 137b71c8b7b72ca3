package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.ContactQueries;
import com.idss.informzsync.application.console.ContactRow;
import com.idss.informzsync.application.console.Page;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/** The contacts search: name or email, paged in the database. */
@Named("contacts")
@ViewScoped
public class ContactsBean extends PagedTable<ContactRow> {

    private static final long serialVersionUID = 1L;

    @EJB
    ContactQueries queries;

    private String text;
    private boolean includeInactive = true;

    public ContactsBean() {
        super(25);
    }

    @Override
    protected Page<ContactRow> read(int first, int size) {
        return queries.searchContacts(text, includeInactive, first, size);
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
