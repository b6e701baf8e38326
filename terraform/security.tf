# Security groups are plain containers; every ingress rule is its own resource built
# from local.ingress_rules, so the tests can assert over all of them at once.
#
#   internal       every node: all traffic from other members of this group
#   admin          every node: SSH from admin_ips
#   masters        DC/OS and day2ops Adminrouter ports from admin_ips and the admin LB
#   agents         agent Adminrouter ports (DC/OS and day2ops) from admin_ips
#   public_agents  application ports 80/443 from public_agents_allowed_cidrs and the public LB
#   admin_lb       the admin load balancer: master admin ports from admin_ips only
#   public_lb      the public agents' load balancer: 80/443 from public_agents_allowed_cidrs

locals {
  security_groups = {
    internal      = "Traffic between the cluster's nodes"
    admin         = "SSH from admin_ips"
    masters       = "Master Adminrouter ports from admin_ips and the admin load balancer"
    agents        = "Agent Adminrouter ports from admin_ips"
    public_agents = "Application ports of the public agents"
    admin_lb      = "Admin load balancer, reachable from admin_ips only"
    public_lb     = "Public agents' load balancer"
  }

  # setproduct over a number list and a string list yields strings; ports are
  # turned back into numbers below.
  ingress_rules = merge(
    {
      for cidr in var.admin_ips : "admin-22-${cidr}" => {
        group = "admin", port = 22, cidr = cidr, source_group = null, description = "SSH from an admin_ips block"
      }
    },
    {
      for pair in setproduct(local.master_admin_ports, var.admin_ips) : "masters-${pair[0]}-${pair[1]}" => {
        group = "masters", port = tonumber(pair[0]), cidr = pair[1], source_group = null, description = "Master Adminrouter from an admin_ips block"
      }
    },
    {
      for port in local.master_admin_ports : "masters-${port}-admin_lb" => {
        group = "masters", port = port, cidr = null, source_group = "admin_lb", description = "Master Adminrouter from the admin load balancer"
      }
    },
    {
      for pair in setproduct(local.agent_admin_ports, var.admin_ips) : "agents-${pair[0]}-${pair[1]}" => {
        group = "agents", port = tonumber(pair[0]), cidr = pair[1], source_group = null, description = "Agent Adminrouter from an admin_ips block"
      }
    },
    {
      for pair in setproduct(local.master_admin_ports, var.admin_ips) : "admin_lb-${pair[0]}-${pair[1]}" => {
        group = "admin_lb", port = tonumber(pair[0]), cidr = pair[1], source_group = null, description = "Admin listener from an admin_ips block"
      }
    },
    {
      for pair in setproduct(local.public_app_ports, var.public_agents_allowed_cidrs) : "public_agents-${pair[0]}-${pair[1]}" => {
        group = "public_agents", port = tonumber(pair[0]), cidr = pair[1], source_group = null, description = "Public applications"
      }
    },
    {
      for port in local.public_app_ports : "public_agents-${port}-public_lb" => {
        group = "public_agents", port = port, cidr = null, source_group = "public_lb", description = "Public applications from the public load balancer"
      }
    },
    {
      for pair in setproduct(local.public_app_ports, var.public_agents_allowed_cidrs) : "public_lb-${pair[0]}-${pair[1]}" => {
        group = "public_lb", port = tonumber(pair[0]), cidr = pair[1], source_group = null, description = "Public listener"
      }
    },
  )
}

resource "aws_security_group" "cluster" {
  for_each = local.security_groups

  name        = "${var.cluster_name}-${replace(each.key, "_", "-")}"
  description = each.value
  vpc_id      = aws_vpc.cluster.id
  tags        = merge(local.common_tags, { Name = "${var.cluster_name}-${replace(each.key, "_", "-")}" })
}

resource "aws_vpc_security_group_ingress_rule" "cluster" {
  for_each = local.ingress_rules

  security_group_id            = aws_security_group.cluster[each.value.group].id
  description                  = each.value.description
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  cidr_ipv4                    = each.value.cidr
  referenced_security_group_id = each.value.source_group == null ? null : aws_security_group.cluster[each.value.source_group].id
  tags                         = merge(local.common_tags, { Name = "${var.cluster_name}-${each.key}" })
}

resource "aws_vpc_security_group_ingress_rule" "internal" {
  security_group_id            = aws_security_group.cluster["internal"].id
  description                  = "All traffic between cluster nodes"
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.cluster["internal"].id
  tags                         = merge(local.common_tags, { Name = "${var.cluster_name}-internal" })
}

# Nodes download DC/OS, packages and release artifacts; load balancers reach their
# targets inside the VPC only.
resource "aws_vpc_security_group_egress_rule" "nodes" {
  # Every node carries the internal group, so its egress covers them all.
  security_group_id = aws_security_group.cluster["internal"].id
  description       = "Nodes reach the internet and each other"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
  tags              = merge(local.common_tags, { Name = "${var.cluster_name}-egress" })
}

resource "aws_vpc_security_group_egress_rule" "load_balancers" {
  for_each = toset(["admin_lb", "public_lb"])

  security_group_id = aws_security_group.cluster[each.key].id
  description       = "Load balancer to its targets inside the VPC"
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
  cidr_ipv4         = var.vpc_cidr
  tags              = merge(local.common_tags, { Name = "${var.cluster_name}-${replace(each.key, "_", "-")}-egress" })
}
