/** The staff console: thin Faces backing beans over the application services. */
package com.idss.informzsync.interfaces.web;
