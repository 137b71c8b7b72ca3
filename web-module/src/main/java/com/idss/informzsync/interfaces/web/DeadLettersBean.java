package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.operations.DeadLetter;
import com.idss.informzsync.application.operations.DeadLetterDesk;
import com.idss.informzsync.application.operations.OperatorAction;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dead-letter queues for a sync-admin: requeue one, the selected, or all; delete only after a
 * second, confirming click. The desk does the work and keeps the audit.
 */
@Named("deadLetters")
@ViewScoped
public class DeadLettersBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    DeadLetterDesk desk;

    @Inject
    UserBean user;

    private final Map<String, Boolean> selected = new HashMap<>();
    /** Keys awaiting the confirming click; empty when no deletion is asked. */
    private List<String> toDelete = List.of();
    private transient List<DeadLetter> letters;

    public List<DeadLetter> getLetters() {
        if (letters == null) {
            letters = desk.deadLetters();
        }
        return letters;
    }

    public List<OperatorAction> getRecentActions() {
        return desk.recentActions(20);
    }

    public Map<String, Boolean> getSelected() {
        return selected;
    }

    public boolean isConfirmingDelete() {
        return !toDelete.isEmpty();
    }

    public int getDeleteCount() {
        return toDelete.size();
    }

    public void requeue(String key) {
        report(desk.requeue(lettersWithKeys(List.of(key)), user.getName()), "requeued");
    }

    public void requeueSelected() {
        report(desk.requeue(lettersWithKeys(selectedKeys()), user.getName()), "requeued");
    }

    public void requeueAll() {
        report(desk.requeue(getLetters(), user.getName()), "requeued");
    }

    public void askToDeleteSelected() {
        toDelete = selectedKeys();
        if (toDelete.isEmpty()) {
            Messages.error("Select the messages to delete first.");
        }
    }

    public void confirmDelete() {
        report(desk.delete(lettersWithKeys(toDelete), user.getName()), "deleted");
        toDelete = List.of();
    }

    public void cancelDelete() {
        toDelete = List.of();
    }

    private List<String> selectedKeys() {
        return selected.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey).toList();
    }

    private List<DeadLetter> lettersWithKeys(List<String> keys) {
        return getLetters().stream().filter(letter -> keys.contains(letter.key())).toList();
    }

    private void report(int count, String done) {
        Messages.info(count == 1 ? "1 message " + done + "." : count + " messages " + done + ".");
        selected.clear();
        letters = null;
    }
}
