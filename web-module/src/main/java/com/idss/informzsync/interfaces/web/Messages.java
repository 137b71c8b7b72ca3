package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.crm.InvalidInputException;
import com.idss.informzsync.application.crm.NotFoundException;
import com.idss.informzsync.domain.list.query.InvalidQueryException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.persistence.OptimisticLockException;

/** Turns outcomes and refusals into Faces messages in words a CRM user understands. */
final class Messages {

    private Messages() {
    }

    static void info(String text) {
        add(FacesMessage.SEVERITY_INFO, text);
        // Survive the redirect of a POST-redirect-GET.
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }

    static void error(String text) {
        add(FacesMessage.SEVERITY_ERROR, text);
    }

    /**
     * Shows what the user can act on. Anything else propagates to the error page (and the log):
     * a stack trace is never a message.
     */
    static void refused(RuntimeException e) {
        Throwable cause = e;
        while (cause instanceof EJBException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidInputException invalid) {
            invalid.reasons().forEach(reason -> error(capitalised(reason) + "."));
        } else if (cause instanceof NotFoundException || cause instanceof InvalidQueryException) {
            error(capitalised(cause.getMessage()) + ".");
        } else if (cause instanceof OptimisticLockException || hasCause(cause, OptimisticLockException.class)) {
            error("Someone else changed this record meanwhile. Reload the page and make your change again.");
        } else if (cause instanceof IllegalStateException) {
            error(capitalised(cause.getMessage()) + ".");
        } else {
            throw e;
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void add(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    private static String capitalised(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
