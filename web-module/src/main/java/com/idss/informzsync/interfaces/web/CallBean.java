package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.CallDetail;
import com.idss.informzsync.application.console.CallQueries;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** One Informz call with its documents (the request is stored password-redacted). */
@Named("callPage")
@RequestScoped
public class CallBean {

    @EJB
    CallQueries queries;

    private Long id;
    private CallDetail detail;

    public void load() {
        detail = id == null ? null : queries.call(id).orElse(null);
        if (detail == null) {
            Messages.error("There is no Informz call " + (id == null ? "" : id) + ".");
        }
    }

    public CallDetail getDetail() {
        return detail;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }
}
