package com.idss.informzsync.benchmark.floor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A contact reduced to what the floor writes: a title a save changes, a subscriber id its sync writes back. */
@Entity
@Table(name = ShapeFloor.TABLE)
public class FloorRow {

    @Id
    private int id;

    private String email;

    private String title;

    @Column(name = "informz_code")
    private Long informzCode;

    @Version
    private int version;

    protected FloorRow() {
    }

    int id() {
        return id;
    }

    String email() {
        return email;
    }

    String title() {
        return title;
    }

    void retitle(String value) {
        title = value;
    }

    void subscriberId(long value) {
        informzCode = value;
    }
}
