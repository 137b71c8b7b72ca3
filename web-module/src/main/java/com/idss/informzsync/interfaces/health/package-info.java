/**
 * Health checks for a load balancer or a container platform: /health/live and /health/ready on the
 * application's web port, without login (README, "Operating").
 */
package com.idss.informzsync.interfaces.health;
