package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.DuplicateGroupView;
import com.idss.informzsync.application.console.DuplicateQueries;
import com.idss.informzsync.application.console.Page;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/** Groups of active contacts sharing an email, with the one Informz knows them by. */
@Named("duplicates")
@ViewScoped
public class DuplicatesBean extends PagedTable<DuplicateGroupView> {

    private static final long serialVersionUID = 1L;

    @EJB
    DuplicateQueries queries;

    public DuplicatesBean() {
        super(20);
    }

    @Override
    protected Page<DuplicateGroupView> read(int first, int size) {
        return queries.duplicateGroups(first, size);
    }
}
