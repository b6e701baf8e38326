# Network load balancers pass TCP through, so TLS ends on the nodes' Adminrouters
# and clients see the same certificates as on a node. Each load balancer has a
# security group: the admin one admits only admin_ips.

locals {
  admin_lb_targets = {
    for pair in setproduct(local.master_admin_ports, range(var.num_masters)) : "${pair[0]}-${pair[1]}" => {
      port = tonumber(pair[0]), index = tonumber(pair[1])
    }
  }
  public_lb_targets = {
    for pair in setproduct(local.public_app_ports, range(var.num_public_agents)) : "${pair[0]}-${pair[1]}" => {
      port = tonumber(pair[0]), index = tonumber(pair[1])
    }
  }
}

resource "aws_lb" "admin" {
  name                             = "${var.cluster_name}-admin"
  load_balancer_type               = "network"
  internal                         = false
  subnets                          = aws_subnet.public[*].id
  security_groups                  = [aws_security_group.cluster["admin_lb"].id]
  enable_cross_zone_load_balancing = true
  tags                             = merge(local.common_tags, { Name = "${var.cluster_name}-admin", Role = "admin-lb" })

  # Created after the nodes, so its interfaces' addresses (AWS picks them) cannot
  # take one of the nodes' fixed addresses.
  depends_on = [aws_instance.bootstrap, aws_instance.master, aws_instance.private_agent, aws_instance.public_agent]
}

resource "aws_lb_target_group" "admin" {
  for_each = toset([for port in local.master_admin_ports : tostring(port)])

  name        = "${var.cluster_name}-admin-${each.key}"
  port        = tonumber(each.key)
  protocol    = "TCP"
  target_type = "instance"
  vpc_id      = aws_vpc.cluster.id

  health_check {
    protocol            = "TCP"
    interval            = 10
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }

  tags = merge(local.common_tags, { Name = "${var.cluster_name}-admin-${each.key}" })
}

resource "aws_lb_listener" "admin" {
  for_each = aws_lb_target_group.admin

  load_balancer_arn = aws_lb.admin.arn
  port              = tonumber(each.key)
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = each.value.arn
  }

  tags = merge(local.common_tags, { Name = "${var.cluster_name}-admin-${each.key}" })
}

resource "aws_lb_target_group_attachment" "admin" {
  for_each = local.admin_lb_targets

  target_group_arn = aws_lb_target_group.admin[tostring(each.value.port)].arn
  target_id        = aws_instance.master[each.value.index].id
  port             = each.value.port
}

resource "aws_lb" "public_agents" {
  count = var.num_public_agents > 0 ? 1 : 0

  name                             = "${var.cluster_name}-public"
  load_balancer_type               = "network"
  internal                         = false
  subnets                          = aws_subnet.public[*].id
  security_groups                  = [aws_security_group.cluster["public_lb"].id]
  enable_cross_zone_load_balancing = true
  tags                             = merge(local.common_tags, { Name = "${var.cluster_name}-public", Role = "public-agents-lb" })

  # Created after the nodes, so its interfaces' addresses (AWS picks them) cannot
  # take one of the nodes' fixed addresses.
  depends_on = [aws_instance.bootstrap, aws_instance.master, aws_instance.private_agent, aws_instance.public_agent]
}

resource "aws_lb_target_group" "public_agents" {
  for_each = toset([for port in local.public_app_ports : tostring(port)])

  name        = "${var.cluster_name}-public-${each.key}"
  port        = tonumber(each.key)
  protocol    = "TCP"
  target_type = "instance"
  vpc_id      = aws_vpc.cluster.id

  health_check {
    protocol            = "TCP"
    interval            = 10
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }

  tags = merge(local.common_tags, { Name = "${var.cluster_name}-public-${each.key}" })
}

resource "aws_lb_listener" "public_agents" {
  for_each = aws_lb_target_group.public_agents

  load_balancer_arn = aws_lb.public_agents[0].arn
  port              = tonumber(each.key)
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = each.value.arn
  }

  tags = merge(local.common_tags, { Name = "${var.cluster_name}-public-${each.key}" })
}

resource "aws_lb_target_group_attachment" "public_agents" {
  for_each = local.public_lb_targets

  target_group_arn = aws_lb_target_group.public_agents[tostring(each.value.port)].arn
  target_id        = aws_instance.public_agent[each.value.index].id
  port             = each.value.port
}
