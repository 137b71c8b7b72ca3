/** In-container tests: the real EAR on the build-provisioned WildFly, plus a small test library. */
package com.idss.informzsync.it;
