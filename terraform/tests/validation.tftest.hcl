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

run "rejects_admin_ips_open_to_the_world" {
  command = plan
  variables {
    admin_ips = ["203.0.113.7/32", "0.0.0.0/0"]
  }
  expect_failures = [var.admin_ips]
}

run "rejects_empty_admin_ips" {
  command = plan
  variables {
    admin_ips = []
  }
  expect_failures = [var.admin_ips]
}

run "rejects_admin_ips_that_are_not_cidrs" {
  command = plan
  variables {
    admin_ips = ["203.0.113.7"]
  }
  expect_failures = [var.admin_ips]
}

run "rejects_even_master_count" {
  command = plan
  variables {
    num_masters = 2
  }
  expect_failures = [var.num_masters]
}

run "rejects_fractional_agent_count" {
  command = plan
  variables {
    num_private_agents = 1.5
  }
  expect_failures = [var.num_private_agents]
}

run "rejects_too_many_public_agents" {
  command = plan
  variables {
    num_public_agents = 21
  }
  expect_failures = [var.num_public_agents]
}

run "rejects_bad_cluster_name" {
  command = plan
  variables {
    cluster_name = "Day2Ops_Demo"
  }
  expect_failures = [var.cluster_name]
}

run "rejects_cluster_name_too_long_for_load_balancers" {
  command = plan
  variables {
    cluster_name = "a-very-long-cluster-name"
  }
  expect_failures = [var.cluster_name]
}

run "rejects_a_file_that_is_not_a_public_key" {
  command = plan
  variables {
    ssh_public_key_file = "tests/fixtures/not-a-key.txt"
  }
  expect_failures = [var.ssh_public_key_file]
}

run "rejects_bad_dcos_version" {
  command = plan
  variables {
    dcos_version = "latest"
  }
  expect_failures = [var.dcos_version]
}

run "rejects_bad_instance_type" {
  command = plan
  variables {
    masters_instance_type = "huge"
  }
  expect_failures = [var.masters_instance_type]
}

run "rejects_adminrouter_port_of_a_service" {
  command = plan
  variables {
    day2ops_adminrouter_ports = { master_https = 8101 }
  }
  expect_failures = [var.day2ops_adminrouter_ports]
}

run "rejects_adminrouter_port_of_the_metrics_exposition" {
  command = plan
  variables {
    day2ops_adminrouter_ports = { agent_http = 61091 }
  }
  expect_failures = [var.day2ops_adminrouter_ports]
}

run "rejects_overriding_derived_dcos_config" {
  command = plan
  variables {
    dcos_config = { master_list = ["10.0.0.1"] }
  }
  expect_failures = [var.dcos_config]
}

run "rejects_reserved_tag_keys" {
  command = plan
  variables {
    tags = { "aws:createdBy" = "me" }
  }
  expect_failures = [var.tags]
}

run "rejects_bad_vpc_cidr" {
  command = plan
  variables {
    vpc_cidr = "10.0.0.0/24"
  }
  expect_failures = [var.vpc_cidr]
}

run "release_install_needs_a_base_url" {
  command = plan
  variables {
    day2ops_release_base_url = null
  }
  expect_failures = [aws_instance.bootstrap]
}

run "universe_install_needs_dcos_and_a_repo" {
  command = plan
  variables {
    day2ops_install_method = "universe"
    install_dcos           = false
  }
  expect_failures = [aws_instance.bootstrap]
}

run "perf_runner_needs_a_repo" {
  command = plan
  variables {
    enable_perf_runner = true
  }
  expect_failures = [aws_instance.bootstrap]
}
