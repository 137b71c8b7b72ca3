/** The Informz AAPI client: SOAP PostInformzMessage over HTTP, documents built with a real XML API. */
package com.idss.informzsync.infrastructure.informz;
