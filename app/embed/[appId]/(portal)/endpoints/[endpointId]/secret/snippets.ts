/**
 * Receivers that verify a delivery with each language's Standard Webhooks library. The secret
 * comes from the environment, never pasted into code; the raw body is what was signed.
 */
export const SNIPPETS = [
  {
    id: "node",
    label: "Node.js",
    install: "npm install standardwebhooks",
    code: `import express from "express";
import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.WEBHOOK_SECRET); // whsec_…
const app = express();

// The raw body: parsed and re-serialised JSON is not what was signed.
app.post("/webhooks", express.raw({ type: "application/json" }), (req, res) => {
  let event;
  try {
    event = wh.verify(req.body, req.headers);
  } catch {
    return res.sendStatus(400);
  }
  // Handle the event, then answer 2xx quickly.
  res.sendStatus(204);
});

app.listen(8080);`,
  },
  {
    id: "python",
    label: "Python",
    install: "pip install standardwebhooks",
    code: `import os

from flask import Flask, request
from standardwebhooks import Webhook, WebhookVerificationError

wh = Webhook(os.environ["WEBHOOK_SECRET"])  # whsec_…
app = Flask(__name__)


@app.post("/webhooks")
def webhooks():
    try:
        event = wh.verify(request.get_data(), dict(request.headers))
    except WebhookVerificationError:
        return "", 400
    # Handle the event, then answer 2xx quickly.
    return "", 204`,
  },
  {
    id: "go",
    label: "Go",
    install: "go get github.com/standard-webhooks/standard-webhooks/libraries/go",
    code: `package main

import (
	"io"
	"net/http"
	"os"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

func main() {
	wh, err := standardwebhooks.NewWebhook(os.Getenv("WEBHOOK_SECRET")) // whsec_…
	if err != nil {
		panic(err)
	}
	http.HandleFunc("/webhooks", func(w http.ResponseWriter, r *http.Request) {
		payload, err := io.ReadAll(r.Body)
		if err != nil || wh.Verify(payload, r.Header) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		// Handle the event, then answer 2xx quickly.
		w.WriteHeader(http.StatusNoContent)
	})
	http.ListenAndServe(":8080", nil)
}`,
  },
  {
    id: "ruby",
    label: "Ruby",
    install: "gem install standardwebhooks",
    code: `require "sinatra"
require "standardwebhooks"

wh = StandardWebhooks::Webhook.new(ENV.fetch("WEBHOOK_SECRET")) # whsec_…

post "/webhooks" do
  headers = {
    "webhook-id" => request.env["HTTP_WEBHOOK_ID"],
    "webhook-timestamp" => request.env["HTTP_WEBHOOK_TIMESTAMP"],
    "webhook-signature" => request.env["HTTP_WEBHOOK_SIGNATURE"],
  }
  begin
    event = wh.verify(request.body.read, headers)
  rescue StandardWebhooks::WebhookVerificationError
    halt 400
  end
  # Handle the event, then answer 2xx quickly.
  status 204
end`,
  },
  {
    id: "php",
    label: "PHP",
    install: "composer require standard-webhooks/standard-webhooks",
    code: `<?php
require __DIR__ . '/vendor/autoload.php';

$wh = new \\StandardWebhooks\\Webhook(getenv('WEBHOOK_SECRET')); // whsec_…
$payload = file_get_contents('php://input');
// The library looks the headers up by their lower-case names.
$headers = array_change_key_case(getallheaders(), CASE_LOWER);

try {
    $event = $wh->verify($payload, $headers);
} catch (\\StandardWebhooks\\Exception\\WebhookVerificationException $e) {
    http_response_code(400);
    exit;
}
// Handle the event, then answer 2xx quickly.
http_response_code(204);`,
  },
] as const;
