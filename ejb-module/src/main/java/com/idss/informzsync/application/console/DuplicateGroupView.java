package com.idss.informzsync.application.console;

import java.util.List;

/** Active contacts sharing one email; exactly one of them (the owner) is the Informz subscriber. */
public record DuplicateGroupView(String email, int ownerId, List<Member> members) {

    public DuplicateGroupView {
        members = List.copyOf(members);
    }

    public record Member(int id, String firstName, String lastName, String email, String accountName,
            java.time.OffsetDateTime createdAt, Long informzCode, boolean owner) {

        public String displayName() {
            return Names.display(firstName, lastName);
        }
    }
}
