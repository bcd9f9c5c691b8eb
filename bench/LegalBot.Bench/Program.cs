using LegalBot.Bench;

// LegalBot.Bench: seeds a request store, then drives the real host over loopback HTTP the way Teams
// does and compares it with a bare Bot Builder bot on the same machine. See README, "Performance".
return await Cli.RunAsync(args);
