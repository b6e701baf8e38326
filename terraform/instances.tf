locals {
  bootstrap_url = "http://${local.bootstrap_private_ip}:${var.bootstrap_port}"

  day2ops_services = {
    logs        = 8101
    metrics     = 8102
    diagnostics = 8103
    debug       = 8104
  }

  dcos_config_yaml = yamlencode(merge(
    {
      cluster_name              = var.cluster_name
      bootstrap_url             = local.bootstrap_url
      exhibitor_storage_backend = "static"
      master_discovery          = "static"
      master_list               = local.master_private_ips
      ip_detect_filename        = "genconf/ip-detect"
      ip_detect_public_filename = "genconf/ip-detect-public"
      # The VPC's Amazon-provided DNS resolver.
      resolvers         = ["169.254.169.253"]
      check_time        = true
      enable_docker_gc  = true
      telemetry_enabled = false
    },
    var.dcos_config,
  ))

  common_script = file("${path.module}/templates/common.sh")

  bootstrap_user_data = join("\n", ["#cloud-config", yamlencode({
    write_files = concat(
      [
        { path = "/opt/day2ops-provision/common.sh", permissions = "0644", content = local.common_script },
        {
          path        = "/opt/day2ops-provision/bootstrap.sh"
          permissions = "0755"
          content = templatefile("${path.module}/templates/bootstrap.sh.tftpl", {
            install_dcos         = var.install_dcos
            dcos_download_path   = local.dcos_download_path
            dcos_download_sha256 = var.dcos_download_sha256 == null ? "" : var.dcos_download_sha256
            bootstrap_port       = var.bootstrap_port
            perf_token           = var.enable_perf_runner
            cluster_name         = var.cluster_name
            # The masters' diagnostics service account token (release install only:
            # with Universe nothing of day2ops runs on the masters).
            master_token = var.day2ops_install_method == "release"
            masters      = local.master_private_ips
          })
        },
      ],
      var.install_dcos ? [
        { path = "/opt/dcos-bootstrap/genconf/config.yaml", permissions = "0644", content = local.dcos_config_yaml },
        { path = "/opt/dcos-bootstrap/genconf/ip-detect", permissions = "0755", content = file("${path.module}/templates/ip-detect.sh") },
        { path = "/opt/dcos-bootstrap/genconf/ip-detect-public", permissions = "0755", content = file("${path.module}/templates/ip-detect-public.sh") },
      ] : [],
    )
    runcmd = [["bash", "/opt/day2ops-provision/bootstrap.sh"]]
  })])

  node_script_vars = {
    cluster_name      = var.cluster_name
    install_dcos      = var.install_dcos
    bootstrap_url     = local.bootstrap_url
    masters           = join(",", local.master_private_ips)
    day2ops_method    = var.day2ops_install_method
    day2ops_version   = var.day2ops_version
    release_base_url  = coalesce(var.day2ops_release_base_url, "unset")
    artifact_format   = var.day2ops_artifact_format
    services          = local.day2ops_services
    ports             = local.day2ops_ports
    universe_repo_url = coalesce(var.day2ops_universe_repo_url, "unset")
    universe_packages = var.day2ops_universe_packages

    # diagnostics.cluster.nodes of the masters on a plain fleet: role:ip of every node.
    cluster_nodes = join(",", concat(
      [for ip in local.master_private_ips : "master:${ip}"],
      [for ip in local.private_agent_ips : "agent:${ip}"],
      [for ip in local.public_agent_ips : "agent_public:${ip}"],
    ))
  }

  # Cosmos runs on the masters: the first master installs the Universe packages.
  # day2ops_role is the Adminrouter's and metrics.role (master or agent), node_role
  # diagnostics.node.role (DC/OS's master, agent or agent_public).
  node_roles = {
    master = {
      dcos_role = "master", day2ops_role = "master", node_role = "master", universe = false
    }
    first_master = {
      dcos_role = "master", day2ops_role = "master", node_role = "master", universe = var.install_dcos && var.day2ops_install_method == "universe"
    }
    private_agent = {
      dcos_role = "slave", day2ops_role = "agent", node_role = "agent", universe = false
    }
    public_agent = {
      dcos_role = "slave_public", day2ops_role = "agent", node_role = "agent_public", universe = false
    }
  }

  node_user_data = {
    for role, settings in local.node_roles : role => join("\n", ["#cloud-config", yamlencode({
      write_files = [
        { path = "/opt/day2ops-provision/common.sh", permissions = "0644", content = local.common_script },
        {
          path        = "/opt/day2ops-provision/node.sh"
          permissions = "0755"
          content = templatefile("${path.module}/templates/node.sh.tftpl", merge(local.node_script_vars, {
            dcos_role                 = settings.dcos_role
            day2ops_role              = settings.day2ops_role
            node_role                 = settings.node_role
            install_universe_packages = settings.universe
          }))
        },
      ]
      runcmd = [["bash", "/opt/day2ops-provision/node.sh"]]
    })])
  }

  instance_defaults = {
    ami      = local.node_ami_id
    key_name = aws_key_pair.cluster.key_name
  }
}

resource "aws_instance" "bootstrap" {
  ami                    = local.instance_defaults.ami
  instance_type          = var.bootstrap_instance_type
  key_name               = local.instance_defaults.key_name
  subnet_id              = aws_subnet.public[0].id
  private_ip             = local.bootstrap_private_ip
  vpc_security_group_ids = [aws_security_group.cluster["internal"].id, aws_security_group.cluster["admin"].id]
  user_data              = local.bootstrap_user_data

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.root_volume_size
    encrypted             = true
    delete_on_termination = true
    tags                  = merge(local.common_tags, { Name = "${var.cluster_name}-bootstrap", Role = "bootstrap" })
  }

  tags = merge(local.common_tags, { Name = "${var.cluster_name}-bootstrap", Role = "bootstrap" })

  lifecycle {
    # A newer AMI must not replace a running cluster.
    ignore_changes = [ami]

    precondition {
      condition     = var.day2ops_install_method != "release" || var.day2ops_release_base_url != null
      error_message = "day2ops_release_base_url is required when day2ops_install_method is \"release\"."
    }
    precondition {
      condition     = var.day2ops_install_method != "universe" || (var.install_dcos && var.day2ops_universe_repo_url != null)
      error_message = "day2ops_install_method \"universe\" needs install_dcos = true and day2ops_universe_repo_url."
    }
    precondition {
      condition     = !var.enable_perf_runner || (var.perf_repo_url != null && var.day2ops_install_method != "none")
      error_message = "enable_perf_runner needs perf_repo_url and day2ops installed (day2ops_install_method other than \"none\")."
    }
  }
}

resource "aws_instance" "master" {
  count = var.num_masters

  ami                    = local.instance_defaults.ami
  instance_type          = var.masters_instance_type
  key_name               = local.instance_defaults.key_name
  subnet_id              = aws_subnet.public[count.index % var.num_availability_zones].id
  private_ip             = local.master_private_ips[count.index]
  vpc_security_group_ids = [aws_security_group.cluster["internal"].id, aws_security_group.cluster["admin"].id, aws_security_group.cluster["masters"].id]
  user_data              = count.index == 0 ? local.node_user_data["first_master"] : local.node_user_data["master"]

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.root_volume_size
    encrypted             = true
    delete_on_termination = true
    tags                  = merge(local.common_tags, { Name = "${var.cluster_name}-master-${count.index}", Role = "master" })
  }

  tags = merge(local.common_tags, { Name = "${var.cluster_name}-master-${count.index}", Role = "master" })

  lifecycle {
    ignore_changes = [ami]
  }
}

resource "aws_instance" "private_agent" {
  count = var.num_private_agents

  ami                    = local.instance_defaults.ami
  instance_type          = var.private_agents_instance_type
  key_name               = local.instance_defaults.key_name
  subnet_id              = aws_subnet.public[count.index % var.num_availability_zones].id
  private_ip             = var.install_dcos ? null : local.private_agent_ips[count.index]
  vpc_security_group_ids = [aws_security_group.cluster["internal"].id, aws_security_group.cluster["admin"].id, aws_security_group.cluster["agents"].id]
  user_data              = local.node_user_data["private_agent"]

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.root_volume_size
    encrypted             = true
    delete_on_termination = true
    tags                  = merge(local.common_tags, { Name = "${var.cluster_name}-private-agent-${count.index}", Role = "private-agent" })
  }

  tags = merge(local.common_tags, { Name = "${var.cluster_name}-private-agent-${count.index}", Role = "private-agent" })

  lifecycle {
    ignore_changes = [ami]
  }
}

resource "aws_instance" "public_agent" {
  count = var.num_public_agents

  ami           = local.instance_defaults.ami
  instance_type = var.public_agents_instance_type
  key_name      = local.instance_defaults.key_name
  subnet_id     = aws_subnet.public[count.index % var.num_availability_zones].id
  private_ip    = var.install_dcos ? null : local.public_agent_ips[count.index]
  vpc_security_group_ids = [
    aws_security_group.cluster["internal"].id, aws_security_group.cluster["admin"].id,
    aws_security_group.cluster["agents"].id, aws_security_group.cluster["public_agents"].id,
  ]
  user_data = local.node_user_data["public_agent"]

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.root_volume_size
    encrypted             = true
    delete_on_termination = true
    tags                  = merge(local.common_tags, { Name = "${var.cluster_name}-public-agent-${count.index}", Role = "public-agent" })
  }

  tags = merge(local.common_tags, { Name = "${var.cluster_name}-public-agent-${count.index}", Role = "public-agent" })

  lifecycle {
    ignore_changes = [ami]
  }
}
