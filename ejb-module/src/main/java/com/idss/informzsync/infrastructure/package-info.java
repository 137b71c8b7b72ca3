/** Technology behind the application's ports: JPA, JMS, the Informz AAPI client. */
package com.idss.informzsync.infrastructure;
