//! A network, a subnet and a port in Neutron, then a Nova server booted on that port,
//! through clients generated from the two services' published references.
//!
//! ```text
//! cargo run -q --manifest-path examples/network_and_server/Cargo.toml -- \
//!     --cloud NAME --image ID --flavor ID [--keep]
//! cargo run -q --manifest-path examples/network_and_server/Cargo.toml -- \
//!     --network-endpoint URL --token TOKEN [--keep]
//! ```
//!
//! With `--cloud` (or `OS_CLOUD`, or the `OS_*` variables of an openrc file) it logs
//! in to Keystone and finds `network` and `compute` in the catalog; with `--image`
//! and `--flavor` it boots a server on the port and waits for it to be `ACTIVE`.
//! With `--network-endpoint` and `--token` it runs the Neutron half alone. Unless
//! `--keep` is given it deletes what it made (a server's port stays until the server
//! is deleted, so with a server nothing is deleted). Prints one line per step; exits
//! 1 with the error on stderr when a call fails, 2 on a bad command line.

use std::process::ExitCode;
use std::time::Duration;

use apiref::runtime::{Client, CloudConfig, Error, Observed, Waiter};

// A program uses part of what a generated client offers (each operation's header
// readers, say); the rest is not dead code worth a warning.
#[allow(dead_code)]
mod network {
    include!(concat!(env!("OUT_DIR"), "/network.rs"));
}
#[allow(dead_code)]
mod compute {
    include!(concat!(env!("OUT_DIR"), "/compute.rs"));
}

const USAGE: &str = "\
usage: network_and_server [--cloud NAME] [--image ID --flavor ID] [--keep]
       network_and_server --network-endpoint URL --token TOKEN [--keep]";

/// What the command line asks for.
#[derive(Default)]
struct Args {
    cloud: Option<String>,
    network_endpoint: Option<String>,
    token: Option<String>,
    image: Option<String>,
    flavor: Option<String>,
    keep: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args::default();
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        let mut value = || words.next().ok_or(format!("{word} needs a value"));
        match word.as_str() {
            "--cloud" => args.cloud = Some(value()?),
            "--network-endpoint" => args.network_endpoint = Some(value()?),
            "--token" => args.token = Some(value()?),
            "--image" => args.image = Some(value()?),
            "--flavor" => args.flavor = Some(value()?),
            "--keep" => args.keep = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.network_endpoint.is_some() != args.token.is_some() {
        return Err("--network-endpoint and --token go together".into());
    }
    if args.image.is_some() != args.flavor.is_some() {
        return Err("--image and --flavor go together".into());
    }
    if args.network_endpoint.is_some() && args.image.is_some() {
        return Err("booting a server needs a cloud to log in to (--cloud)".into());
    }
    Ok(args)
}

/// What the Neutron half made, for the server and the clean-up.
struct Made {
    network: String,
    subnet: String,
    port: String,
}

async fn make_network(client: &Client) -> Result<Made, Error> {
    use network::{networks, ports, subnets};
    let name = format!("apiref-example-{}", std::process::id());

    let body = networks::create::Request {
        network: networks::create::RequestNetwork {
            name: Some(name.clone()),
            ..Default::default()
        },
        ..Default::default()
    };
    let network = networks::create(client, &body).await?.body.network;
    let network_id = network.id.into_option().unwrap_or_default();
    println!("network {network_id} ({name})");

    let body = subnets::create::Request {
        subnet: subnets::create::RequestSubnet {
            network_id: Some(network_id.clone()),
            ip_version: Some(4),
            cidr: Some("192.0.2.0/24".into()),
            name: Some(name.clone()),
            ..Default::default()
        },
        ..Default::default()
    };
    let subnet = subnets::create(client, &Default::default(), &body)
        .await?
        .body
        .subnet;
    let subnet_id = subnet.id.into_option().unwrap_or_default();
    println!(
        "subnet  {subnet_id} ({})",
        subnet.cidr.as_deref().unwrap_or("?")
    );

    let body = ports::create::Request {
        port: ports::create::RequestPort {
            network_id: Some(network_id.clone()),
            name: Some(name),
            ..Default::default()
        },
        ..Default::default()
    };
    let port = ports::create(client, &body).await?.body.port;
    let port_id = port.id.into_option().unwrap_or_default();
    let addresses: Vec<String> = port
        .fixed_ips
        .into_option()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|ip| ip.ip_address.into_option())
        .collect();
    println!("port    {port_id} ({})", addresses.join(", "));

    Ok(Made {
        network: network_id,
        subnet: subnet_id,
        port: port_id,
    })
}

/// Boots a server on the port and waits until it is `ACTIVE` (or fails fast on
/// `ERROR` with Nova's fault).
async fn boot(client: &Client, port: &str, image: &str, flavor: &str) -> Result<(), String> {
    use compute::servers;
    let body = servers::create::Request {
        server: Some(servers::create::RequestServer {
            name: Some(format!("apiref-example-{}", std::process::id())),
            image_ref: Some(image.to_owned()),
            flavor_ref: Some(flavor.to_owned()),
            networks: Some(servers::create::Networks::List(vec![
                servers::create::Network {
                    port: Some(port.to_owned()),
                    ..Default::default()
                },
            ])),
            ..Default::default()
        }),
        ..Default::default()
    };
    let created = servers::create(client, &body)
        .await
        .map_err(|e| e.to_string())?;
    let id = created.body.server.id.into_option().unwrap_or_default();
    println!("server  {id} (building)");
    let waiter = Waiter::new(Duration::from_secs(600));
    waiter
        .until(
            &["ACTIVE"],
            || servers::get(client, &id),
            |reply| {
                let server = &reply.body.server;
                Observed::status(server.status.as_deref().unwrap_or("?"))
            },
        )
        .await
        .map_err(|e| e.to_string())?;
    println!("server  {id} ACTIVE on port {port}");
    Ok(())
}

async fn clean_up(client: &Client, made: &Made) -> Result<(), Error> {
    use network::{networks, ports, subnets};
    ports::delete(client, &made.port).await?;
    subnets::delete(client, &made.subnet).await?;
    networks::delete(client, &made.network).await?;
    println!("deleted the port, the subnet and the network");
    Ok(())
}

async fn run(args: Args) -> Result<(), String> {
    let (network_client, compute_client) = match (&args.network_endpoint, &args.token) {
        (Some(endpoint), Some(token)) => {
            let client = Client::builder(endpoint)
                .token(token.clone())
                .build()
                .map_err(|e| e.to_string())?;
            (client, None)
        }
        _ => {
            let cloud = CloudConfig::load(args.cloud.as_deref()).map_err(|e| e.to_string())?;
            let network = Client::builder_from_cloud(&cloud, &network::SERVICE)
                .build()
                .map_err(|e| e.to_string())?;
            let compute = Client::builder_from_cloud(&cloud, &compute::SERVICE)
                .build()
                .map_err(|e| e.to_string())?;
            (network, Some(compute))
        }
    };

    let made = make_network(&network_client)
        .await
        .map_err(|e| e.to_string())?;
    // The port the server should have: read back as Neutron holds it now.
    let port = network::ports::get(&network_client, &made.port, &Default::default())
        .await
        .map_err(|e| e.to_string())?
        .body
        .port;
    println!(
        "port    {} status {}",
        made.port,
        port.status.as_deref().unwrap_or("?")
    );

    match (compute_client, &args.image, &args.flavor) {
        (Some(compute), Some(image), Some(flavor)) => {
            boot(&compute, &made.port, image, flavor).await?
        }
        _ if !args.keep => clean_up(&network_client, &made)
            .await
            .map_err(|e| e.to_string())?,
        _ => {}
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(why) => {
            if !why.is_empty() {
                eprintln!("network_and_server: {why}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("network_and_server: {e}");
            ExitCode::FAILURE
        }
    }
}
