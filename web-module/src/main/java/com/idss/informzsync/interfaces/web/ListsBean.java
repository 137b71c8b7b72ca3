package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.ListQueries;
import com.idss.informzsync.application.console.ListRow;
import com.idss.informzsync.application.console.Page;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/** The distribution lists table: search by name, interest or description. */
@Named("lists")
@ViewScoped
public class ListsBean extends PagedTable<ListRow> {

    private static final long serialVersionUID = 1L;

    @EJB
    ListQueries queries;

    private String text;

    public ListsBean() {
        super(25);
    }

    @Override
    protected Page<ListRow> read(int first, int size) {
        return queries.searchLists(text, first, size);
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
