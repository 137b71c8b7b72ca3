package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.ConsoleQueries;
import com.idss.informzsync.application.console.DuplicateGroupView;
import com.idss.informzsync.application.console.Page;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;

/** Groups of active contacts sharing an email, with the one Informz knows them by. */
@Named("duplicates")
@ViewScoped
public class DuplicatesBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ConsoleQueries queries;

    private final Pager pager = new Pager(20);
    private transient Page<DuplicateGroupView> page;

    public Page<DuplicateGroupView> getPage() {
        if (page == null) {
            page = queries.duplicateGroups(pager.getFirst(), pager.getSize());
        }
        return page;
    }

    public void next() {
        pager.next();
        page = null;
    }

    public void previous() {
        pager.previous();
        page = null;
    }
}
