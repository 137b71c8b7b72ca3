package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.ConsoleQueries;
import com.idss.informzsync.application.console.ListRow;
import com.idss.informzsync.application.console.Page;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;

/** The distribution lists table: search by name, interest or description. */
@Named("lists")
@ViewScoped
public class ListsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ConsoleQueries queries;

    private final Pager pager = new Pager(25);
    private String text;
    private transient Page<ListRow> page;

    public Page<ListRow> getPage() {
        if (page == null) {
            page = queries.searchLists(text, pager.getFirst(), pager.getSize());
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
}
