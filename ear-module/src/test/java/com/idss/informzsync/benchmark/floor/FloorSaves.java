package com.idss.informzsync.benchmark.floor;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The save half of the shape: the update and the message commit together (the XA connection
 * factory, as the product's), with nothing else: no lifecycle listener, no observer, no check.
 */
@Stateless
public class FloorSaves implements ShapeFloor {

    @PersistenceContext(unitName = "shape-floor")
    EntityManager em;

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    JMSContext jms;

    @Resource(lookup = FloorListener.QUEUE)
    Queue queue;

    @Override
    public void save(int rowId, String title, String interest) {
        FloorRow row = em.find(FloorRow.class, rowId);
        row.retitle(title);
        jms.createProducer().send(queue, rowId + " " + interest);
    }
}
