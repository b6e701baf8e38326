# Plan-level tests with a mocked AWS provider (no AWS account, no network).

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]
    }
  }
  mock_data "aws_ami" {
    defaults = {
      id = "ami-0123456789abcdef0"
    }
  }
  mock_resource "aws_lb" {
    defaults = {
      arn      = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/mock/0123456789abcdef"
      dns_name = "mock-lb-0123456789.elb.us-east-1.amazonaws.com"
    }
  }
  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/mock/0123456789abcdef"
    }
  }
  mock_resource "aws_instance" {
    defaults = {
      id        = "i-0123456789abcdef0"
      public_ip = "192.0.2.10"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = {
      id  = "day2ops-tests-perf-20260101000000000000000001"
      arn = "arn:aws:s3:::day2ops-tests-perf-20260101000000000000000001"
    }
  }
}

variables {
  cluster_name             = "day2ops-tests"
  ssh_public_key_file      = "tests/fixtures/id_ed25519.pub"
  admin_ips                = ["203.0.113.7/32", "198.51.100.0/24"]
  day2ops_release_base_url = "https://releases.example.com/day2ops"
}

# What cloud-init receives: the generated DC/OS config.yaml, the DC/OS role of each
# node, how day2ops is installed, and tags on everything.

run "bootstrap_generates_dcos_config_for_the_masters" {
  command = plan

  variables {
    num_masters  = 3
    dcos_version = "2.2.5"
    dcos_config  = { telemetry_enabled = true }
  }

  assert {
    condition = yamldecode([
      for f in yamldecode(aws_instance.bootstrap.user_data).write_files : f.content if f.path == "/opt/dcos-bootstrap/genconf/config.yaml"
    ][0]).master_list == ["172.16.0.10", "172.16.16.10", "172.16.32.10"]
    error_message = "config.yaml must list the masters' fixed addresses."
  }

  assert {
    condition = yamldecode([
      for f in yamldecode(aws_instance.bootstrap.user_data).write_files : f.content if f.path == "/opt/dcos-bootstrap/genconf/config.yaml"
    ][0]).bootstrap_url == "http://172.16.0.5:8080"
    error_message = "config.yaml must point bootstrap_url at the bootstrap node."
  }

  assert {
    condition = yamldecode([
      for f in yamldecode(aws_instance.bootstrap.user_data).write_files : f.content if f.path == "/opt/dcos-bootstrap/genconf/config.yaml"
    ][0]).telemetry_enabled == true
    error_message = "dcos_config entries must be merged into config.yaml."
  }

  assert {
    condition     = strcontains(aws_instance.bootstrap.user_data, "https://downloads.dcos.io/dcos/stable/2.2.5/dcos_generate_config.sh")
    error_message = "The bootstrap node downloads the installer of dcos_version."
  }

  assert {
    condition     = !strcontains(aws_instance.bootstrap.user_data, "PRIVATE KEY") && !strcontains(aws_instance.bootstrap.user_data, "perf-token.jwt")
    error_message = "No key material in user data (it is generated on the node); no perf token without the perf runner."
  }
}

run "nodes_install_their_dcos_role_and_day2ops" {
  command = plan

  variables {
    num_masters       = 3
    num_public_agents = 1
    day2ops_version   = "1.2.3"
  }

  assert {
    condition     = alltrue([for m in aws_instance.master : strcontains(m.user_data, "bash /tmp/dcos_install.sh master")])
    error_message = "Masters install DC/OS as master."
  }

  assert {
    condition     = alltrue([for a in aws_instance.private_agent : strcontains(a.user_data, "bash /tmp/dcos_install.sh slave\n")])
    error_message = "Private agents install DC/OS as slave."
  }

  assert {
    condition     = strcontains(aws_instance.public_agent[0].user_data, "bash /tmp/dcos_install.sh slave_public")
    error_message = "Public agents install DC/OS as slave_public."
  }

  assert {
    condition = alltrue([
      for node in concat(aws_instance.master, aws_instance.private_agent, aws_instance.public_agent) :
      strcontains(node.user_data, "release='https://releases.example.com/day2ops/1.2.3'") && strcontains(node.user_data, "QUARKUS_HTTP_PORT=8104") && strcontains(node.user_data, "QUARKUS_HTTP_HOST=127.0.0.1")
    ])
    error_message = "Every node installs the day2ops release, services on loopback 8101-8104."
  }

  assert {
    condition     = strcontains(aws_instance.master[0].user_data, "listen 10443 ssl;") && strcontains(aws_instance.private_agent[0].user_data, "adminrouter_listen=61092")
    error_message = "The day2ops Adminrouter listens on its master and agent ports."
  }

  # EC2 refuses user data over 16 KiB.
  assert {
    condition = alltrue([
      for node in concat(aws_instance.master, aws_instance.private_agent, aws_instance.public_agent, [aws_instance.bootstrap]) : length(node.user_data) < 16384
    ])
    error_message = "A node's user data exceeds the EC2 limit of 16384 bytes."
  }

  assert {
    condition     = !strcontains(aws_instance.master[0].user_data, "package/install")
    error_message = "Universe packages are installed only with day2ops_install_method = universe."
  }
}

# The services read these (check.sh also checks every name against the services'
# @ConfigMapping interfaces); nothing writes variables no service reads.
run "nodes_configure_the_services_by_role" {
  command = plan

  variables {
    num_masters       = 3
    num_public_agents = 1
  }

  assert {
    condition = alltrue([
      for m in aws_instance.master :
      strcontains(m.user_data, "DIAGNOSTICS_NODE_ROLE=master\n") && strcontains(m.user_data, "METRICS_ROLE=master\n") &&
      strcontains(m.user_data, "DIAGNOSTICS_CLUSTER_MESOS_MASTER_URL=http://leader.mesos:5050\n") &&
      strcontains(m.user_data, "DIAGNOSTICS_CLUSTER_MASTERS=172.16.0.10,172.16.16.10,172.16.32.10\n") &&
      strcontains(m.user_data, "DIAGNOSTICS_CLUSTER_SERVICE_ACCOUNT_TOKEN_FILE=/etc/day2ops/diagnostics/service-account.jwt\n") &&
      !strcontains(m.user_data, "LOGS_MESOS_AGENT_URL")
    ])
    error_message = "Masters run diagnostics as master (cluster from the Mesos master, service account token) and metrics as master."
  }

  assert {
    condition = alltrue([
      for a in aws_instance.private_agent :
      strcontains(a.user_data, "DIAGNOSTICS_NODE_ROLE=agent\n") && strcontains(a.user_data, "METRICS_ROLE=agent\n") &&
      strcontains(a.user_data, "LOGS_MESOS_AGENT_URL=http://$node_ip:5051\n") && strcontains(a.user_data, "METRICS_MESOS_AGENT_URL=http://$node_ip:5051\n") &&
      strcontains(a.user_data, "DEBUG_MESOS_AGENT_URL=http://$node_ip:5051\n") && !strcontains(a.user_data, "DIAGNOSTICS_CLUSTER_")
    ])
    error_message = "Private agents run diagnostics and metrics as agent, with their Mesos agent, and no cluster settings."
  }

  assert {
    condition     = strcontains(aws_instance.public_agent[0].user_data, "DIAGNOSTICS_NODE_ROLE=agent_public\n") && strcontains(aws_instance.public_agent[0].user_data, "METRICS_ROLE=agent\n")
    error_message = "Public agents report the role agent_public."
  }

  assert {
    condition = alltrue([
      for node in concat(aws_instance.master, aws_instance.private_agent, aws_instance.public_agent) :
      !strcontains(node.user_data, "DAY2OPS_") && strcontains(node.user_data, "EnvironmentFile=/etc/day2ops/diagnostics.env")
    ])
    error_message = "No variable outside the services' properties; each unit loads its own env file."
  }

  assert {
    condition = strcontains(aws_instance.bootstrap.user_data, "mint dcos_diagnostics_master 604800 '[\"dcos:adminrouter:ops:system-health\"]'") && alltrue([
      for ip in ["172.16.0.10", "172.16.16.10", "172.16.32.10"] : strcontains(aws_instance.bootstrap.user_data, "allow ${ip};")
    ])
    error_message = "The bootstrap node mints the diagnostics service account token and serves it to the masters only."
  }
}

run "plain_fleet_masters_list_every_node" {
  command = plan

  variables {
    install_dcos       = false
    num_masters        = 1
    num_private_agents = 2
    num_public_agents  = 1
  }

  assert {
    condition     = aws_instance.private_agent[*].private_ip == ["172.16.0.100", "172.16.16.100"] && aws_instance.public_agent[*].private_ip == ["172.16.0.220"]
    error_message = "On a plain fleet the agents get fixed addresses (.100 private, .220 public), spread over the subnets."
  }

  assert {
    condition     = strcontains(aws_instance.master[0].user_data, "DIAGNOSTICS_CLUSTER_NODES=master:172.16.0.10,agent:172.16.0.100,agent:172.16.16.100,agent_public:172.16.0.220\n")
    error_message = "The master's diagnostics gets the static list of every node with its role."
  }

  assert {
    condition = alltrue([
      for node in concat(aws_instance.master, aws_instance.private_agent, aws_instance.public_agent) :
      !strcontains(node.user_data, "mesos.") && !strcontains(node.user_data, "MESOS_AGENT_URL")
    ])
    error_message = "Without DC/OS no node is pointed at Mesos or Marathon."
  }
}

run "universe_install_runs_once_from_the_first_master" {
  command = plan

  variables {
    num_masters               = 3
    day2ops_install_method    = "universe"
    day2ops_release_base_url  = null
    day2ops_universe_repo_url = "https://universe.example.com/repo.json"
  }

  assert {
    condition     = strcontains(aws_instance.master[0].user_data, "https://universe.example.com/repo.json") && strcontains(aws_instance.master[0].user_data, "\"packageName\":\"day2ops-debug\"")
    error_message = "The first master adds the repository and installs the packages."
  }

  assert {
    condition     = !strcontains(aws_instance.master[1].user_data, "package/install") && !strcontains(aws_instance.private_agent[0].user_data, "QUARKUS_HTTP_PORT")
    error_message = "Only the first master talks to Cosmos; no release artifacts with the universe method."
  }

  assert {
    condition     = !strcontains(aws_instance.bootstrap.user_data, "mint dcos_diagnostics_master")
    error_message = "No diagnostics service account token when day2ops does not run on the masters."
  }
}

# Applied: the runner's user data and policy name the bucket, known only after apply.
run "perf_runner_gets_a_token_and_write_only_bucket_access" {
  command = apply

  variables {
    enable_perf_runner = true
    perf_repo_url      = "https://git.example.com/day2ops.git"
    perf_scenarios     = ["perf/k6/logs-range.js"]
  }

  assert {
    condition     = strcontains(aws_instance.bootstrap.user_data, "perf-token.jwt") && strcontains(aws_instance.perf_runner[0].user_data, "perf/k6/logs-range.js")
    error_message = "The bootstrap node mints the perf token and the runner runs the chosen scenarios."
  }

  assert {
    condition     = strcontains(aws_instance.perf_runner[0].user_data, "s3://day2ops-tests-perf-20260101000000000000000001/day2ops-tests/") && strcontains(aws_instance.perf_runner[0].user_data, "https://172.16.0.10:10443")
    error_message = "The runner targets the first master's day2ops Adminrouter and uploads to the results bucket."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.perf_runner_results[0].policy).Statement[0].Action == ["s3:PutObject"]
    error_message = "The perf runner may only upload results."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.perf_results[0].block_public_acls && aws_s3_bucket_public_access_block.perf_results[0].restrict_public_buckets
    error_message = "The results bucket is never public."
  }
}

run "everything_is_tagged" {
  command = plan

  variables {
    tags               = { Owner = "ci" }
    enable_perf_runner = true
    perf_repo_url      = "https://git.example.com/day2ops.git"
  }

  assert {
    condition = alltrue(flatten([
      [for r in concat(aws_instance.master, aws_instance.private_agent, aws_instance.public_agent, aws_instance.perf_runner, [aws_instance.bootstrap]) :
      [r.tags.Owner == "ci", r.tags.Cluster == "day2ops-tests", r.root_block_device[0].tags.Owner == "ci"]],
      [for r in concat([aws_vpc.cluster, aws_internet_gateway.cluster, aws_route_table.public, aws_key_pair.cluster, aws_lb.admin], aws_subnet.public, aws_lb.public_agents) : r.tags.Owner == "ci"],
      [for r in values(aws_security_group.cluster) : r.tags.Owner == "ci"],
      [for r in values(aws_vpc_security_group_ingress_rule.cluster) : r.tags.Owner == "ci"],
      [for r in concat(values(aws_lb_target_group.admin), values(aws_lb_listener.admin), values(aws_lb_target_group.public_agents), values(aws_lb_listener.public_agents)) : r.tags.Owner == "ci"],
      [for r in concat(aws_s3_bucket.perf_results, aws_iam_role.perf_runner, aws_iam_instance_profile.perf_runner) : r.tags.Owner == "ci"],
    ]))
    error_message = "Every taggable resource carries the module's and the caller's tags."
  }

  assert {
    condition     = alltrue([for r in concat(aws_instance.master, aws_instance.private_agent, aws_instance.public_agent, [aws_instance.bootstrap]) : r.metadata_options[0].http_tokens == "required" && r.root_block_device[0].encrypted])
    error_message = "Instances require IMDSv2 and encrypt their root volumes."
  }
}
