output "masters-ips" {
  description = "Public IPs of the masters."
  value       = module.dcos.masters-ips
}

output "masters-loadbalancer" {
  description = "Admin load balancer (admin_ips only)."
  value       = module.dcos.masters-loadbalancer
}

output "public-agents-loadbalancer" {
  description = "Public agents' load balancer."
  value       = module.dcos.public-agents-loadbalancer
}

output "dcos_url" {
  description = "DC/OS UI."
  value       = module.dcos.dcos_url
}

output "day2ops_url" {
  description = "day2ops API base URL."
  value       = module.dcos.day2ops_url
}

output "perf_results_bucket" {
  description = "Where the perf runner uploads results."
  value       = module.dcos.perf_results_bucket
}
