package com.idss.informzsync.interfaces.web;

import java.io.Serializable;

/** One checkbox of the contact's Distribution Lists tab. */
public class ListCheck implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String name;
    private final boolean syncToInformz;
    private final boolean active;
    private boolean checked;

    public ListCheck(long id, String name, boolean syncToInformz, boolean active, boolean checked) {
        this.id = id;
        this.name = name;
        this.syncToInformz = syncToInformz;
        this.active = active;
        this.checked = checked;
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public boolean isSyncToInformz() {
        return syncToInformz;
    }

    public boolean isActive() {
        return active;
    }

    public boolean isChecked() {
        return checked;
    }

    public void setChecked(boolean checked) {
        this.checked = checked;
    }
}
