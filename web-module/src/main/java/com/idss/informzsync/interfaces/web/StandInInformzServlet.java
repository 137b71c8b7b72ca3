package com.idss.informzsync.interfaces.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Walking skeleton only: accepts what the stand-in Informz gateway posts. Removed once the
 * gateway talks to the Informz simulator.
 */
@WebServlet("/stand-in")
public class StandInInformzServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
