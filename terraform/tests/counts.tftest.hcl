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

run "default_topology" {
  command = plan

  assert {
    condition     = length(aws_instance.master) == 1 && length(aws_instance.private_agent) == 2 && length(aws_instance.public_agent) == 1
    error_message = "Defaults must give 1 master, 2 private agents and 1 public agent."
  }

  assert {
    condition     = length(aws_instance.perf_runner) == 0 && length(aws_s3_bucket.perf_results) == 0
    error_message = "The perf runner and its bucket exist only when enable_perf_runner is true."
  }

  assert {
    condition     = length(aws_subnet.public) == 3 && length(aws_lb.public_agents) == 1
    error_message = "Defaults must give 3 subnets and a public agents' load balancer."
  }
}

run "counts_follow_inputs" {
  command = plan

  variables {
    num_masters                  = 5
    num_private_agents           = 7
    num_public_agents            = 0
    num_availability_zones       = 2
    masters_instance_type        = "m6i.2xlarge"
    private_agents_instance_type = "r6i.large"
  }

  assert {
    condition     = length(aws_instance.master) == 5 && length(aws_instance.private_agent) == 7 && length(aws_instance.public_agent) == 0
    error_message = "Instance counts must follow num_masters, num_private_agents and num_public_agents."
  }

  assert {
    condition     = alltrue([for m in aws_instance.master : m.instance_type == "m6i.2xlarge"]) && alltrue([for a in aws_instance.private_agent : a.instance_type == "r6i.large"])
    error_message = "Instance types must follow the *_instance_type inputs."
  }

  assert {
    condition     = length(aws_subnet.public) == 2
    error_message = "One subnet per availability zone."
  }

  assert {
    condition     = length(aws_lb.public_agents) == 0 && length(aws_lb_target_group.public_agents) == 0 && length(aws_lb_target_group_attachment.public_agents) == 0
    error_message = "Without public agents there is no public load balancer."
  }

  # 5 masters x 4 admin ports (DC/OS 80/443, day2ops 10080/10443).
  assert {
    condition     = length(aws_lb_target_group_attachment.admin) == 20 && length(aws_lb_listener.admin) == 4
    error_message = "Every master must be attached to every admin listener."
  }

  assert {
    condition     = length(distinct([for m in aws_instance.master : m.private_ip])) == 5 && alltrue([for m in aws_instance.master : cidrhost("172.16.0.0/16", 0) == cidrhost("${m.private_ip}/16", 0)])
    error_message = "Masters must get distinct fixed private addresses inside the VPC."
  }
}

run "public_agents_behind_their_load_balancer" {
  command = plan

  variables {
    num_public_agents = 3
  }

  assert {
    condition     = length(aws_instance.public_agent) == 3 && length(aws_lb_target_group_attachment.public_agents) == 6
    error_message = "Every public agent must be attached on ports 80 and 443."
  }

  assert {
    condition     = toset([for l in aws_lb_listener.public_agents : l.port]) == toset([80, 443])
    error_message = "The public agents' load balancer listens on 80 and 443."
  }
}
