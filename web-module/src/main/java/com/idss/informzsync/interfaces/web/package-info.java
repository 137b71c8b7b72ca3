/**
 * The staff console: thin Faces backing beans over the application services and the console's
 * read-side facade ({@code application.console}), which returns DTOs. No query or rule lives here.
 */
package com.idss.informzsync.interfaces.web;
