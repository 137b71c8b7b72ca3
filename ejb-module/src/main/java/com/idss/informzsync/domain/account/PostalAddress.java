package com.idss.informzsync.domain.account;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/** Where an account is. Every part is optional: CRM records are often incomplete. */
@Embeddable
public class PostalAddress {

    @Size(max = 255, message = "street must be at most 255 characters")
    @Column(name = "street", length = 255)
    private String street;

    @Size(max = 100, message = "city must be at most 100 characters")
    @Column(name = "city", length = 100)
    private String city;

    @Size(max = 100, message = "state must be at most 100 characters")
    @Column(name = "state", length = 100)
    private String state;

    @Size(max = 20, message = "postal code must be at most 20 characters")
    @Column(name = "postal_code", length = 20)
    private String postalCode;

    @Size(max = 100, message = "country must be at most 100 characters")
    @Column(name = "country", length = 100)
    private String country;

    protected PostalAddress() {
        // for JPA
    }

    public PostalAddress(String street, String city, String state, String postalCode, String country) {
        this.street = street;
        this.city = city;
        this.state = state;
        this.postalCode = postalCode;
        this.country = country;
    }

    public String getStreet() {
        return street;
    }

    public String getCity() {
        return city;
    }

    public String getState() {
        return state;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public String getCountry() {
        return country;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PostalAddress that
                && Objects.equals(street, that.street)
                && Objects.equals(city, that.city)
                && Objects.equals(state, that.state)
                && Objects.equals(postalCode, that.postalCode)
                && Objects.equals(country, that.country);
    }

    @Override
    public int hashCode() {
        return Objects.hash(street, city, state, postalCode, country);
    }
}
