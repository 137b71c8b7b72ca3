package com.idss.informzsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The brand's data. Not thread-safe by itself: every access holds the monitor of this object, which keeps one
 * document's changes atomic against concurrent calls.
 */
final class SimulatorState {

    static final String DEFAULT_UNSUBSCRIBE_REASON = "Unsubscribed via Informz Web Service";

    static final class Subscriber {
        final int subscriberId;
        String email;
        Integer userId;
        final Instant serviceSince;
        Instant modified;
        boolean unsubscribed;
        Instant cancellationDate;
        String cancellationMessage;
        Integer cancelId;
        final Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Subscriber(int subscriberId, String email, Integer userId, Instant now) {
            this.subscriberId = subscriberId;
            this.email = email;
            this.userId = userId;
            this.serviceSince = now;
            this.modified = now;
        }
    }

    static final class Interest {
        final int interestId;
        final int targetGroupId;
        final String name;
        final Instant created;

        Interest(int interestId, int targetGroupId, String name, Instant created) {
            this.interestId = interestId;
            this.targetGroupId = targetGroupId;
            this.name = name;
            this.created = created;
        }
    }

    static final class Membership {
        final int membershipId;
        final int subscriberId;
        final int interestId;
        Instant serviceSince;
        Instant cancellationDate;
        Integer cancelledId;

        Membership(int membershipId, int subscriberId, int interestId, Instant now) {
            this.membershipId = membershipId;
            this.subscriberId = subscriberId;
            this.interestId = interestId;
            this.serviceSince = now;
        }

        boolean active() {
            return cancellationDate == null;
        }
    }

    static final class Upload {
        final int uploadId;
        final Instant date;
        final String uploaderUserId;
        volatile String status = "Pending";
        final Map<String, Integer> counts = new LinkedHashMap<>();
        Instant completed;

        Upload(int uploadId, Instant date, String uploaderUserId) {
            this.uploadId = uploadId;
            this.date = date;
            this.uploaderUserId = uploaderUserId;
            for (String column : List.of("total_email_count", "invalid_email_count", "changed_email_count",
                    "previous_count", "new_count", "duplicate_email_count", "mobile_email_count",
                    "previous_unsubscriber_count", "invalid_mobile_phone_count", "invalid_mobile_phones_num")) {
                counts.put(column, 0);
            }
        }
    }

    final Map<Integer, Subscriber> subscribers = new LinkedHashMap<>();
    final Map<String, List<Subscriber>> subscribersByEmail = new HashMap<>();
    final Map<String, Interest> interestsByName = new LinkedHashMap<>();
    final Map<Integer, Interest> interestsById = new HashMap<>();
    final Map<Long, Membership> memberships = new LinkedHashMap<>();
    /** The memberships of each interest (by interest id), in creation order: a list's members without scanning every list's. */
    final Map<Integer, Map<Long, Membership>> membershipsByInterest = new HashMap<>();
    /** Bumped by every change, so that readers can tell whether what they derived is still current. */
    long version;
    /** Changes to each interest's memberships (by interest id): what an interest's member list derives from. */
    private final Map<Integer, Long> membershipChanges = new HashMap<>();
    /** Remote IDs given to subscribers that had none: they show in every interest's member list. */
    long remoteIdsGiven;

    long membershipChangesOf(int interestId) {
        return membershipChanges.getOrDefault(interestId, 0L);
    }

    private void membershipsChanged(int interestId) {
        membershipChanges.merge(interestId, 1L, Long::sum);
    }

    /** A subscriber without a remote ID is given one. */
    void giveRemoteId(Subscriber subscriber, Integer userId) {
        subscriber.userId = userId;
        remoteIdsGiven++;
    }

    void changed() {
        version++;
    }
    final Map<Integer, Upload> uploads = new LinkedHashMap<>();

    private int nextSubscriberId = 100_001;
    private int nextInterestId = 2_001;
    private int nextTargetGroupId = 300_001;
    private int nextMembershipId = 7_000_001;
    private int nextCancelId = 1;
    private int nextUploadId = 900_001;

    void clear() {
        changed();
        subscribers.clear();
        subscribersByEmail.clear();
        interestsByName.clear();
        interestsById.clear();
        memberships.clear();
        membershipsByInterest.clear();
        membershipChanges.clear();
        uploads.clear();
    }

    static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    List<Subscriber> byEmail(String email) {
        return subscribersByEmail.getOrDefault(emailKey(email), List.of());
    }

    Subscriber createSubscriber(String email, Integer userId, Instant now) {
        Subscriber subscriber = new Subscriber(nextSubscriberId++, email.trim(), userId, now);
        subscribers.put(subscriber.subscriberId, subscriber);
        subscribersByEmail.computeIfAbsent(emailKey(email), k -> new ArrayList<>()).add(subscriber);
        return subscriber;
    }

    /** Interest names compare case-insensitively, as on Informz's (SQL Server) side; an assumption. */
    Interest interest(String name) {
        return interestsByName.get(name.trim().toLowerCase(Locale.ROOT));
    }

    Interest createInterest(String name, Instant now) {
        Interest existing = interest(name);
        if (existing != null) {
            return existing;
        }
        Interest interest = new Interest(nextInterestId++, nextTargetGroupId++, name.trim(), now);
        interestsByName.put(name.trim().toLowerCase(Locale.ROOT), interest);
        interestsById.put(interest.interestId, interest);
        return interest;
    }

    private static long membershipKey(int subscriberId, int interestId) {
        return ((long) subscriberId << 32) | (interestId & 0xffffffffL);
    }

    Membership membership(Subscriber subscriber, Interest interest) {
        return memberships.get(membershipKey(subscriber.subscriberId, interest.interestId));
    }

    /** Adds, or re-activates an opted-out membership: Subscribe is an explicit request to be on the list. */
    boolean addMembership(Subscriber subscriber, Interest interest, Instant now) {
        Membership existing = membership(subscriber, interest);
        if (existing == null) {
            Membership created = new Membership(nextMembershipId++, subscriber.subscriberId, interest.interestId, now);
            long key = membershipKey(subscriber.subscriberId, interest.interestId);
            memberships.put(key, created);
            membershipsByInterest.computeIfAbsent(interest.interestId, id -> new LinkedHashMap<>()).put(key, created);
            membershipsChanged(interest.interestId);
            return true;
        }
        if (!existing.active()) {
            existing.cancellationDate = null;
            existing.cancelledId = null;
            existing.serviceSince = now;
            membershipsChanged(existing.interestId);
            return true;
        }
        return false;
    }

    /** The interest's memberships, in creation order. */
    Collection<Membership> membershipsOf(Interest interest) {
        return membershipsByInterest.getOrDefault(interest.interestId, Map.of()).values();
    }

    /** Forgets a membership as if it never existed: drift seeded by a test, nothing Informz's API does. */
    void forgetMembership(Membership membership) {
        long key = membershipKey(membership.subscriberId, membership.interestId);
        memberships.remove(key);
        Map<Long, Membership> ofInterest = membershipsByInterest.get(membership.interestId);
        if (ofInterest != null) {
            ofInterest.remove(key);
        }
        membershipsChanged(membership.interestId);
        changed();
    }

    boolean cancelMembership(Membership membership, Instant now) {
        if (membership == null || !membership.active()) {
            return false;
        }
        membership.cancellationDate = now;
        membership.cancelledId = nextCancelId++;
        membershipsChanged(membership.interestId);
        return true;
    }

    void unsubscribe(Subscriber subscriber, String reason, Instant now) {
        subscriber.unsubscribed = true;
        subscriber.cancellationDate = now;
        subscriber.cancellationMessage = reason;
        subscriber.cancelId = nextCancelId++;
        subscriber.modified = now;
    }

    void resubscribe(Subscriber subscriber, Instant now) {
        subscriber.unsubscribed = false;
        subscriber.cancellationDate = null;
        subscriber.cancellationMessage = null;
        subscriber.cancelId = null;
        subscriber.modified = now;
    }

    Upload createUpload(Instant now, String user) {
        Upload upload = new Upload(nextUploadId++, now, user);
        uploads.put(upload.uploadId, upload);
        return upload;
    }

    /**
     * The state, or the part of it about one address and/or one interest (null: all), so that a test
     * watching one contact does not copy a hundred thousand others each time it looks.
     */
    /** The addresses with an active membership of the interest, lower-cased and sorted. */
    List<String> activeMembersOf(String interest) {
        List<String> emails = new ArrayList<>();
        Interest named = interest(interest);
        for (Membership m : named == null ? List.<Membership>of() : membershipsOf(named)) {
            if (m.active()) {
                emails.add(subscribers.get(m.subscriberId).email.toLowerCase(java.util.Locale.ROOT));
            }
        }
        java.util.Collections.sort(emails);
        return emails;
    }

    Map<String, Object> dump(String email, String interest) {
        List<Object> subscriberList = new ArrayList<>();
        for (Subscriber s : subscribers.values()) {
            if (email != null && !email.equalsIgnoreCase(s.email)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subscriber_id", s.subscriberId);
            row.put("email", s.email);
            row.put("user_id", s.userId);
            row.put("service_since_date", s.serviceSince);
            row.put("modified_date", s.modified);
            row.put("is_unsubscriber", s.unsubscribed);
            row.put("cancellation_date", s.cancellationDate);
            row.put("cancellation_message", s.cancellationMessage);
            row.put("fields", new LinkedHashMap<>(s.fields));
            subscriberList.add(row);
        }
        List<Object> interestList = new ArrayList<>();
        for (Interest i : interestsByName.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("interest_id", i.interestId);
            row.put("target_group_id", i.targetGroupId);
            row.put("name", i.name);
            interestList.add(row);
        }
        List<Object> membershipList = new ArrayList<>();
        for (Membership m : memberships.values()) {
            if ((interest != null && !interest.equalsIgnoreCase(interestsById.get(m.interestId).name))
                    || (email != null && !email.equalsIgnoreCase(subscribers.get(m.subscriberId).email))) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subscriber_to_interest_id", m.membershipId);
            row.put("subscriber_id", m.subscriberId);
            row.put("interest_id", m.interestId);
            row.put("interest_name", interestsById.get(m.interestId).name);
            row.put("email", subscribers.get(m.subscriberId).email);
            row.put("service_since_date", m.serviceSince);
            row.put("cancellation_date", m.cancellationDate);
            membershipList.add(row);
        }
        List<Object> uploadList = new ArrayList<>();
        for (Upload u : uploads.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("upload_id", u.uploadId);
            row.put("date", u.date);
            row.put("status", u.status);
            row.putAll(u.counts);
            uploadList.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("subscribers", subscriberList);
        result.put("interests", interestList);
        result.put("memberships", membershipList);
        result.put("uploads", uploadList);
        return result;
    }
}
