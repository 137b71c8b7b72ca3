/** Believable sample data for demos: a destination-marketing CRM, generated deterministically. */
package com.idss.informzsync.infrastructure.persistence.demo;
