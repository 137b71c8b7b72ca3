/** Java SE test plumbing: real Flyway migrations on H2 or PostgreSQL, and an EclipseLink unit over them. */
package com.idss.informzsync.testsupport;
