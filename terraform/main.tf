locals {
  common_tags = merge(
    {
      Cluster   = var.cluster_name
      ManagedBy = "day2ops-terraform"
    },
    var.tags,
  )

  # Subnet CIDRs and the fixed addresses of the bootstrap node and the masters are
  # derived from the inputs, so every node's cloud-init can name the others without
  # a dependency cycle (the bootstrap config lists the masters, the masters fetch
  # the installer from the bootstrap node).
  subnet_cidrs         = [for index in range(var.num_availability_zones) : cidrsubnet(var.vpc_cidr, 4, index)]
  bootstrap_private_ip = cidrhost(local.subnet_cidrs[0], 5)
  master_private_ips = [
    for index in range(var.num_masters) :
    cidrhost(local.subnet_cidrs[index % var.num_availability_zones], 10 + floor(index / var.num_availability_zones))
  ]
  # Agents get fixed addresses too on a plain systemd fleet, where nothing like Mesos
  # lists them: the masters' diagnostics service is given the whole node list
  # (diagnostics.cluster.nodes). Private agents from .100, public agents from .220 of
  # each subnet (a subnet is at least a /24, the counts at most 100 and 20). With DC/OS
  # the Mesos master lists the agents and AWS picks their addresses.
  private_agent_ips = [
    for index in range(var.num_private_agents) :
    cidrhost(local.subnet_cidrs[index % var.num_availability_zones], 100 + floor(index / var.num_availability_zones))
  ]
  public_agent_ips = [
    for index in range(var.num_public_agents) :
    cidrhost(local.subnet_cidrs[index % var.num_availability_zones], 220 + floor(index / var.num_availability_zones))
  ]

  node_ami_id = var.ami_id != null ? var.ami_id : data.aws_ami.node[0].id

  dcos_download_path = coalesce(var.custom_dcos_download_path, "https://downloads.dcos.io/dcos/stable/${var.dcos_version}/dcos_generate_config.sh")

  # DC/OS's own Adminrouter holds 80/443 on masters and 61001 on agents, and its
  # Telegraf 61091 on every node; day2ops's Adminrouter takes 80/443/61001 only on a
  # plain systemd fleet.
  day2ops_ports = {
    master_http  = coalesce(var.day2ops_adminrouter_ports.master_http, var.install_dcos ? 10080 : 80)
    master_https = coalesce(var.day2ops_adminrouter_ports.master_https, var.install_dcos ? 10443 : 443)
    agent_http   = coalesce(var.day2ops_adminrouter_ports.agent_http, var.install_dcos ? 61092 : 61001)
  }

  # Admin ports: reachable only from admin_ips (directly or through the admin load
  # balancer, whose own security group admits only admin_ips).
  master_admin_ports = distinct(concat(var.install_dcos ? [80, 443] : [], [local.day2ops_ports.master_http, local.day2ops_ports.master_https]))
  agent_admin_ports  = distinct(concat(var.install_dcos ? [61001] : [], [local.day2ops_ports.agent_http]))
  # Application ports of the public agents (Marathon-LB / Edge-LB style), open to
  # public_agents_allowed_cidrs.
  public_app_ports = var.num_public_agents > 0 ? [80, 443] : []

  day2ops_url = "https://${aws_lb.admin.dns_name}${local.day2ops_ports.master_https == 443 ? "" : ":${local.day2ops_ports.master_https}"}"
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_ami" "node" {
  count = var.ami_id == null ? 1 : 0

  most_recent = true
  owners      = var.ami_owners

  filter {
    name   = "name"
    values = [var.ami_name_filter]
  }

  filter {
    name   = "architecture"
    values = ["x86_64"]
  }
}

resource "aws_key_pair" "cluster" {
  key_name   = "${var.cluster_name}-ssh"
  public_key = trimspace(file(var.ssh_public_key_file))
  tags       = merge(local.common_tags, { Name = "${var.cluster_name}-ssh" })
}
