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

# Applied against the mocked provider so that computed values (load balancer DNS
# names, addresses) are known and the outputs can be checked as users see them.

run "outputs_with_dcos" {
  command = apply

  variables {
    num_masters = 3
  }

  assert {
    condition     = output.day2ops_url == "https://mock-lb-0123456789.elb.us-east-1.amazonaws.com:10443"
    error_message = "day2ops_url must be the admin load balancer on the day2ops HTTPS port, got ${output.day2ops_url}."
  }

  assert {
    condition     = output.dcos_url == "http://mock-lb-0123456789.elb.us-east-1.amazonaws.com"
    error_message = "dcos_url must be the admin load balancer."
  }

  assert {
    condition     = output.masters-loadbalancer == "mock-lb-0123456789.elb.us-east-1.amazonaws.com" && output.public-agents-loadbalancer == "mock-lb-0123456789.elb.us-east-1.amazonaws.com"
    error_message = "Both load balancer outputs must carry DNS names."
  }

  assert {
    condition     = length(output.masters-ips) == 3 && length(output.private-agents-ips) == 2 && length(output.public-agents-ips) == 1
    error_message = "The IP outputs must list one address per node."
  }

  assert {
    condition     = tolist(output.masters-private-ips) == tolist(["172.16.0.10", "172.16.16.10", "172.16.32.10"]) && output.bootstrap-private-ip == "172.16.0.5"
    error_message = "Masters spread over the subnets with fixed addresses; the bootstrap node sits at .5 of the first subnet."
  }

  assert {
    condition     = output.day2ops_adminrouter_ports == { master_http = 10080, master_https = 10443, agent_http = 61092 }
    error_message = "With DC/OS the day2ops Adminrouter moves off DC/OS's own ports."
  }

  assert {
    condition     = output.perf_results_bucket == null && output.perf_runner_ip == null
    error_message = "Perf outputs are null without the perf runner."
  }
}

run "outputs_plain_fleet_with_perf_runner" {
  command = apply

  variables {
    install_dcos       = false
    num_public_agents  = 0
    enable_perf_runner = true
    perf_repo_url      = "https://git.example.com/day2ops.git"
  }

  assert {
    condition     = output.day2ops_url == "https://mock-lb-0123456789.elb.us-east-1.amazonaws.com"
    error_message = "On port 443 day2ops_url carries no port."
  }

  assert {
    condition     = output.dcos_url == null && output.public-agents-loadbalancer == null
    error_message = "No DC/OS URL without DC/OS; no public load balancer without public agents."
  }

  assert {
    condition     = output.perf_results_bucket == "day2ops-tests-perf-20260101000000000000000001" && output.perf_runner_ip == "192.0.2.10"
    error_message = "The perf runner's bucket and address are reported."
  }
}
