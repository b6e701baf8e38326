output "cluster_name" {
  description = "Name of the cluster (prefix of every resource)."
  value       = var.cluster_name
}

output "vpc_id" {
  description = "ID of the cluster VPC."
  value       = aws_vpc.cluster.id
}

output "bootstrap-ip" {
  description = "Public IP of the bootstrap node (SSH from admin_ips)."
  value       = aws_instance.bootstrap.public_ip
}

output "bootstrap-private-ip" {
  description = "Private IP of the bootstrap node (serves the DC/OS installer and the day2ops public key inside the VPC)."
  value       = aws_instance.bootstrap.private_ip
}

output "masters-ips" {
  description = "Public IPs of the masters."
  value       = aws_instance.master[*].public_ip
}

output "masters-private-ips" {
  description = "Private IPs of the masters (fixed by the module: the DC/OS master_list)."
  value       = aws_instance.master[*].private_ip
}

output "private-agents-ips" {
  description = "Public IPs of the private agents."
  value       = aws_instance.private_agent[*].public_ip
}

output "public-agents-ips" {
  description = "Public IPs of the public agents."
  value       = aws_instance.public_agent[*].public_ip
}

output "masters-loadbalancer" {
  description = "DNS name of the admin load balancer in front of the masters (DC/OS UI and the day2ops API; admin_ips only)."
  value       = aws_lb.admin.dns_name
}

output "public-agents-loadbalancer" {
  description = "DNS name of the public agents' load balancer (ports 80/443), or null without public agents."
  value       = one(aws_lb.public_agents[*].dns_name)
}

output "dcos_url" {
  description = "DC/OS UI through the admin load balancer, or null when install_dcos is false."
  value       = var.install_dcos ? "http://${aws_lb.admin.dns_name}" : null
}

output "day2ops_url" {
  description = "Base URL of the day2ops API (the masters' day2ops Adminrouter, HTTPS with a self-signed certificate) through the admin load balancer."
  value       = local.day2ops_url
}

output "day2ops_adminrouter_ports" {
  description = "Ports the day2ops Adminrouter listens on: master_http and master_https on the masters, agent_http on the agents."
  value       = local.day2ops_ports
}

output "perf_runner_ip" {
  description = "Public IP of the perf runner, or null when it is disabled."
  value       = one(aws_instance.perf_runner[*].public_ip)
}

output "perf_results_bucket" {
  description = "S3 bucket the perf runner uploads k6 summaries to (s3://<bucket>/<cluster_name>/<run id>/), or null when it is disabled."
  value       = one(aws_s3_bucket.perf_results[*].id)
}
