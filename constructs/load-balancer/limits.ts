/** Load balancer limits, kept free of provider bindings so that spec checks can use them. */

/**
 * The largest subnet prefix length an Application Load Balancer accepts: each of its subnets needs
 * at least a /27 and at least 8 free IP addresses (ELB User Guide, application-load-balancers.html,
 * "Subnets for your load balancer").
 */
export const ALB_SUBNET_MAX_PREFIX = 27;
