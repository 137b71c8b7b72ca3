package com.idss.informzsync.domain.list;

import com.idss.informzsync.domain.list.query.CriteriaGroup;
import com.idss.informzsync.domain.list.query.QueryJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A rule that adds to a list every active contact it matches, evaluated against current data each
 * time. The criteria are stored as JSON ({@link QueryJson}) and validated whenever they are set.
 */
@Entity
@Table(name = "saved_query")
public class SavedQuery {

    public static final int MAX_CRITERIA_JSON_LENGTH = 100_000;

    @Id
    @SequenceGenerator(name = "saved_query_seq", sequenceName = "saved_query_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "saved_query_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "list_id", nullable = false)
    private DistributionList list;

    @NotBlank(message = "a saved query needs a name")
    @Size(max = 255, message = "saved query name must be at most 255 characters")
    @Column(name = "name", length = 255, nullable = false)
    private String name;

    @NotBlank(message = "a saved query needs criteria")
    @Size(max = MAX_CRITERIA_JSON_LENGTH, message = "saved query criteria must be at most 100000 characters")
    @Column(name = "criteria_json", length = MAX_CRITERIA_JSON_LENGTH, nullable = false)
    private String criteriaJson;

    @Transient
    private CriteriaGroup parsed;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SavedQuery() {
        // for JPA
    }

    SavedQuery(DistributionList list, String name, CriteriaGroup criteria) {
        this.list = list;
        this.name = name;
        replaceCriteria(criteria);
    }

    public Long getId() {
        return id;
    }

    public DistributionList getList() {
        return list;
    }

    public String getName() {
        return name;
    }

    public void rename(String name) {
        this.name = name;
    }

    public CriteriaGroup getCriteria() {
        if (parsed == null) {
            parsed = QueryJson.read(criteriaJson);
        }
        return parsed;
    }

    public void replaceCriteria(CriteriaGroup criteria) {
        this.criteriaJson = QueryJson.write(criteria);
        this.parsed = criteria;
    }

    public String getCriteriaJson() {
        return criteriaJson;
    }

    public long getVersion() {
        return version;
    }
}
