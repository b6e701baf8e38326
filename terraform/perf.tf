# Optional perf runner: one instance that runs the perf/ k6 scenarios against the
# first master's day2ops Adminrouter (inside the VPC) and uploads the summaries to
# a bucket this module creates. Its instance role may only write to that bucket.

locals {
  perf_runner_count = var.enable_perf_runner ? 1 : 0
  # The runner talks to a master directly, not through the admin load balancer,
  # whose security group admits admin_ips only.
  perf_target_url = "https://${local.master_private_ips[0]}:${local.day2ops_ports.master_https}"
}

data "aws_ami" "perf_runner" {
  count = local.perf_runner_count

  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }

  filter {
    name   = "architecture"
    values = ["x86_64"]
  }
}

resource "aws_s3_bucket" "perf_results" {
  count = local.perf_runner_count

  bucket_prefix = "${var.cluster_name}-perf-"
  # Results are disposable with the cluster: destroy removes them too.
  force_destroy = true
  tags          = merge(local.common_tags, { Name = "${var.cluster_name}-perf-results", Role = "perf-results" })
}

resource "aws_s3_bucket_public_access_block" "perf_results" {
  count = local.perf_runner_count

  bucket                  = aws_s3_bucket.perf_results[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_iam_role" "perf_runner" {
  count = local.perf_runner_count

  name_prefix = "${var.cluster_name}-perf-"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = merge(local.common_tags, { Name = "${var.cluster_name}-perf-runner", Role = "perf-runner" })
}

resource "aws_iam_role_policy" "perf_runner_results" {
  count = local.perf_runner_count

  name = "upload-perf-results"
  role = aws_iam_role.perf_runner[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = "${aws_s3_bucket.perf_results[0].arn}/*"
    }]
  })
}

resource "aws_iam_instance_profile" "perf_runner" {
  count = local.perf_runner_count

  name_prefix = "${var.cluster_name}-perf-"
  role        = aws_iam_role.perf_runner[0].name
  tags        = merge(local.common_tags, { Name = "${var.cluster_name}-perf-runner", Role = "perf-runner" })
}

resource "aws_instance" "perf_runner" {
  count = local.perf_runner_count

  ami                    = data.aws_ami.perf_runner[0].id
  instance_type          = var.perf_runner_instance_type
  key_name               = aws_key_pair.cluster.key_name
  subnet_id              = aws_subnet.public[0].id
  vpc_security_group_ids = [aws_security_group.cluster["internal"].id, aws_security_group.cluster["admin"].id]
  iam_instance_profile   = aws_iam_instance_profile.perf_runner[0].name

  user_data = join("\n", ["#cloud-config", yamlencode({
    write_files = [{
      path        = "/opt/day2ops-perf-runner.sh"
      permissions = "0755"
      content = templatefile("${path.module}/templates/perf-runner.sh.tftpl", {
        k6_version    = var.k6_version
        repo_url      = coalesce(var.perf_repo_url, "unset")
        repo_ref      = var.perf_repo_ref
        scenarios     = var.perf_scenarios
        bootstrap_url = local.bootstrap_url
        target_url    = local.perf_target_url
        bucket        = aws_s3_bucket.perf_results[0].id
        cluster_name  = var.cluster_name
      })
    }]
    runcmd = [["bash", "/opt/day2ops-perf-runner.sh"]]
  })])

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = 30
    encrypted             = true
    delete_on_termination = true
    tags                  = merge(local.common_tags, { Name = "${var.cluster_name}-perf-runner", Role = "perf-runner" })
  }

  tags = merge(local.common_tags, { Name = "${var.cluster_name}-perf-runner", Role = "perf-runner" })

  lifecycle {
    ignore_changes = [ami]
  }

  # Launched after the nodes, so the address AWS picks for it cannot take one of
  # their fixed addresses.
  depends_on = [aws_instance.bootstrap, aws_instance.master, aws_instance.private_agent, aws_instance.public_agent]
}
