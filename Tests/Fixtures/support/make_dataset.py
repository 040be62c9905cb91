#!/usr/bin/env python3
"""Builds Junction's second authored routing set: an online shop's customer support.

Every utterance below was written for this set (another domain than
Tests/Fixtures/intents). Running the script writes, next to it:

  router.yaml  12 routes x 8 references, RedisVL SemanticRouter format
  fit.jsonl    10 queries per route (120) + 8 out-of-scope (label null), about 6%
  test.jsonl   10 queries per route (120) + 152 out-of-scope, about 56%

As in real traffic, the fitting split holds few out-of-scope queries and the
test split many. Each route's 20 queries are split 10/10 with a fixed seed;
one in twenty out-of-scope queries goes to fit. The script validates its
output (counts, no text twice anywhere) and exits non-zero on any problem.

    .venv/bin/python Tests/Fixtures/support/make_dataset.py
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SEED = 12
REFERENCES = 8
QUERIES = 20
OOS_FIT_EVERY = 20


def lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


ROUTES: dict[str, tuple[list[str], list[str]]] = {}

ROUTES["track_order"] = (lines("""
    where is my order
    track my package
    when will my order arrive
    has my order shipped yet
    what's the status of my delivery
    give me the tracking number for my order
    my parcel hasn't arrived
    is my package out for delivery
"""), lines("""
    where's the stuff i ordered last week
    can you tell me where my parcel is right now
    order 55821 still not here, where is it
    did my shoes ship
    how long until my delivery gets here
    tracking link please
    the courier says delivered but i have nothing
    wheres my package
    what day is my order expected
    is the headphones order on its way
    my delivery is late, what's going on
    i need the status of order number 9931
    has the warehouse sent my items yet
    estimated arrival for my purchase?
    can i see where the delivery van is
    it's been ten days and my order hasn't come
    check on my shipment
    when does my jacket get delivered
    my order says processing for days, is it moving
    which carrier has my package
"""))

ROUTES["cancel_order"] = (lines("""
    cancel my order
    i want to cancel a purchase i just made
    stop my order before it ships
    please cancel order 1234
    i changed my mind, cancel the order
    how do i cancel something i ordered
    can i still cancel my order
    cancel the last thing i bought
"""), lines("""
    i ordered the wrong size, cancel it before it goes out
    don't send my order, i don't want it anymore
    scrap the order i placed an hour ago
    is it too late to cancel order 77120
    kill my order please
    i accidentally ordered twice, cancel one of them
    cancel my purchase of the blender
    how can i call off an order
    i need to cancel, it hasn't shipped yet
    please don't ship order 4410
    i placed an order by mistake
    cancel everything in my last order
    can you void my order
    undo my purchase from this morning
    i want to cancel the laptop i ordered yesterday
    remove my order, i found it cheaper elsewhere
    cancel order and refund me before it ships
    is there a way to cancel an order online
    halt my order
    i no longer need the items i ordered, cancel please
"""))

ROUTES["return_item"] = (lines("""
    i want to return an item
    how do i send something back
    start a return for my order
    can i return this product
    what is your return policy
    i need a return label
    the item doesn't fit, i want to return it
    return a damaged product
"""), lines("""
    the shirt is too small, how do i send it back
    print me a return shipping label
    can i bring my online order back to a store
    how many days do i have to return something
    my blender arrived broken, i want to send it back
    send back the shoes i got last week
    i'd like to return two items from my order
    is the return shipping free
    the color is different from the picture, return it
    how to return a gift i received
    i want to exchange these jeans for a bigger size
    where do i drop off a return
    returning an opened item, is that allowed
    return request for order 3307
    the wrong item came, i need to send it back
    can i return sale items
    i don't like the lamp, how do i return it
    set up a return pickup
    the package was damaged, return please
    can i return it without the box
"""))

ROUTES["refund_status"] = (lines("""
    where is my refund
    when will i get my money back
    has my refund been processed
    check the status of my refund
    i returned an item but got no refund
    how long do refunds take
    my refund hasn't shown up
    refund status please
"""), lines("""
    i sent the package back two weeks ago, where's my money
    still waiting on my refund for the blender
    did you receive my return and refund me
    how many days until the refund hits my card
    the refund is not in my bank account
    you said refunded but i don't see it
    refund for order 3307 not received
    when do i get reimbursed for the cancelled order
    has the money for my return been sent
    is my refund approved yet
    my card still isn't credited
    refund taking forever, any update
    how long until my credit card refund appears
    i cancelled but i haven't been refunded
    check whether my refund went through
    waiting on money back from a return
    why is my refund only partial
    did the refund go to my original payment method
    it's been a month, where's my reimbursement
    money back status
"""))

ROUTES["change_address"] = (lines("""
    change my delivery address
    i need to update the shipping address on my order
    send my order to a different address
    i moved, update my address
    wrong address on my order
    can i change where my package is delivered
    edit the shipping address
    update my default address
"""), lines("""
    deliver it to my office instead of home
    i typed the wrong street number on my order
    can you redirect my parcel to my parents' house
    my order has my old address, fix it
    change the zip code on my shipment
    ship order 8812 to a new address please
    i'm away next week, send it to my work address
    put a new address on my account
    the apartment number is missing from my address
    i want my package delivered somewhere else
    update the address for my pending order
    change the recipient address
    how do i change my saved address
    can the delivery go to a pickup point instead
    correct the city on my shipping info
    i made a typo in my address
    send the order to my sister instead
    reroute my delivery
    update my home address in my profile
    new address for deliveries from now on
"""))

ROUTES["payment_failed"] = (lines("""
    my payment failed
    my card was declined at checkout
    i can't complete my purchase
    payment not going through
    why was my payment rejected
    checkout keeps giving an error
    transaction declined
    i was charged but the order failed
"""), lines("""
    it says payment unsuccessful when i try to pay
    my visa keeps getting declined on your site
    checkout fails after i enter my card
    why won't it accept my payment
    i got an error at the payment step
    the order didn't go through but money left my account
    paypal payment failed
    card denied when buying the tv
    payment error code 402
    i tried three cards and none work
    i was charged twice for one order
    can't pay for my cart
    the payment page just spins and fails
    my gift card won't go through at checkout
    why does it say transaction could not be processed
    my bank approved it but your site declined
    purchase failed, what's wrong
    the apple pay payment was rejected
    keeps saying payment authorization failed
    i get declined even though i have money
"""))

ROUTES["apply_coupon"] = (lines("""
    my discount code isn't working
    how do i use a coupon
    apply a promo code to my order
    the voucher was not accepted
    where do i enter a discount code
    coupon code invalid
    can i add a promo code after ordering
    my discount didn't apply
"""), lines("""
    the 20 percent off code says expired but it shouldn't be
    where's the box for a promo code
    i forgot to use my coupon, can you apply it
    code SAVE10 isn't working
    can i use two discount codes at once
    my student discount was not applied
    the voucher from the email doesn't work
    how do i redeem a gift voucher at checkout
    promo code rejected at checkout
    free shipping code not accepted
    i have a coupon but the price didn't change
    does my welcome discount work on sale items
    apply my birthday coupon
    the discount disappeared from my cart
    enter coupon code
    the referral code isn't giving me money off
    why is my promo not valid
    use my loyalty voucher on this order
    add discount to my purchase
    coupon not applied to the total
"""))

ROUTES["product_availability"] = (lines("""
    is this item in stock
    when will this product be available again
    do you have this in a different size
    is the blue one available
    out of stock, when does it come back
    do you sell this in stores
    notify me when it's back in stock
    check availability of a product
"""), lines("""
    do you have the running shoes in size 11
    when are you restocking the red kettle
    is the 65 inch tv available
    the jacket says sold out, will you get more
    can i buy this in black
    is the xl still in stock
    is this available at the downtown store
    any more of the ps5 bundle coming
    tell me when the headphones are back
    is this item discontinued
    do you carry this brand
    how many of these are left
    can i preorder the new phone
    is the medium available in green
    will the sofa be in stock before christmas
    do you have the charger for this model
    back in stock alert for this dress
    is this sold online only
    is there stock of the laptop near me
    available sizes for these boots
"""))

ROUTES["shipping_cost"] = (lines("""
    how much is shipping
    do you offer free shipping
    what are the delivery fees
    how long does standard delivery take
    do you ship internationally
    is express delivery available
    shipping options
    cost to ship to canada
"""), lines("""
    what's the minimum order for free delivery
    how much to ship to the uk
    do you deliver to alaska
    how fast is next day delivery and what does it cost
    delivery charge for a sofa
    why is shipping so expensive
    do you ship to po boxes
    how many days does standard shipping usually take
    shipping price to australia
    do you offer same day delivery
    can i get it delivered on a saturday
    is there a fee for express shipping
    which countries do you ship to
    how much is postage
    do you deliver to apartments
    what shipping methods are there
    cheapest delivery option
    is shipping free for members
    how long does international shipping take
    do you charge customs fees
"""))

ROUTES["account_login"] = (lines("""
    i can't log in to my account
    reset my password
    i forgot my password
    my account is locked
    i'm not getting the login code
    how do i sign in
    i can't access my account
    login not working
"""), lines("""
    it says wrong password but i know it's right
    the password reset email never arrives
    i forgot which email i used for my account
    locked out after too many attempts
    the verification code isn't coming to my phone
    can't sign in on the app
    change my password
    my login keeps failing
    someone changed my password
    i need to get back into my account
    two factor code not received
    the site logs me out every time
    how do i recover my account
    reset link expired
    i can't remember my username
    account says suspended, help
    login page shows an error
    forgot password link doesn't work
    unlock my account
    sign in problems
"""))

ROUTES["update_payment_method"] = (lines("""
    update my credit card
    add a new payment method
    remove a card from my account
    change my default payment method
    my card expired, add the new one
    edit my billing information
    save a card for future purchases
    update billing address
"""), lines("""
    delete my old visa from my profile
    i got a new card, how do i update it
    set paypal as my default payment
    change the card on my subscription
    where do i manage my saved cards
    my billing address changed
    add my debit card to my account
    remove all saved payment details
    replace the expired card in my wallet
    update the card used for auto renew
    add apple pay to my account
    can i store two cards
    change the name on my billing details
    i want to pay with a different card next time
    update card expiry date
    manage payment methods
    edit the card number saved on my account
    put my new mastercard on file
    make my amex the default
    change billing info
"""))

ROUTES["talk_to_human"] = (lines("""
    i want to talk to a person
    connect me to an agent
    can i speak to customer service
    get me a human
    i need a real person
    call me back please
    transfer me to a representative
    live chat with support
"""), lines("""
    stop the bot, let me talk to someone
    is there a phone number i can call
    i want a human agent now
    escalate this to a manager
    put me through to a real person
    can someone from support call me
    i'd rather speak with a representative
    agent please
    none of this helps, i need a person
    how do i reach your customer service team
    i want to chat with a live agent
    connect me with a supervisor
    let me talk to somebody
    human please
    can i speak to someone about my complaint
    talk to support staff
    i need to talk to an actual employee
    give me an operator
    representative
    please have a person contact me
"""))

OUT_OF_SCOPE = lines("""
    what's the warranty on this laptop
    can you gift wrap my order
    what are your store opening hours
    are you hiring
    how do i leave a product review
    do you price match
    can i get an invoice for my company
    do you have a loyalty program
    where is your nearest store
    is this product safe for kids
    how do i unsubscribe from your emails
    can i order by phone
    do you sell gift cards
    what's your privacy policy
    how do i delete my account
    is this dishwasher energy efficient
    what's the difference between these two phones
    does this tv support hdmi 2.1
    which vacuum would you recommend
    are your products ethically made
    can i pay in installments
    do you offer student discounts
    how do i become a seller on your site
    can i schedule a delivery time slot
    do you recycle old electronics
    is there a sale coming up
    how do i assemble this bookshelf
    what's the battery life of this phone
    can i buy in bulk for my business
    who makes your own brand products
    do you have a mobile app
    how do i contact your press office
    what's your company's phone number for suppliers
    can i change the language of the website
    where are you headquartered
    is this jacket waterproof
    what size should i get if i'm usually a medium
    do you sell refurbished items
    how do i set up the smart speaker i bought
    what's the ingredient list for this shampoo
    how do i wash this sweater
    does this come with batteries
    is there an extended warranty
    can i get a catalog by mail
    do you have a referral program
    what's your carbon footprint
    how do i claim a warranty repair
    can i reserve an item in store
    is the price going to drop
    do you sell furniture
    tell me a joke
    what's the weather tomorrow
    who won the football game last night
    what's the capital of portugal
    how do i boil an egg
    set an alarm for 7 am
    play some music
    what time is it in tokyo
    translate hello into german
    how tall is mount everest
    what's a good movie to watch tonight
    how many calories are in a banana
    book me a table for two tonight
    what's the exchange rate for yen
    how do i fix a leaking tap
    recommend a good book
    who wrote pride and prejudice
    what is the meaning of life
    how do i learn python
    what's 15 percent of 80
    when is the next full moon
    how do i lower my blood pressure
    what's the best way to save for retirement
    how do i train my puppy
    what's the speed of light
    write me a poem
    how do i change a tire
    what are the symptoms of flu
    who is the president of france
    how far is the moon
    find me a plumber
    how do i make sourdough bread
    what's trending on twitter
    how do i meditate
    what is bitcoin
    can you help with my math homework
    good morning
    thanks, that's all
    how are you today
    what's your name
    are you a robot
    goodbye
    i love your website
    this is a test
    hello?
    nothing, never mind
    how do i file my taxes
    what should i cook for dinner
    what's the score of the basketball game
    how do i renew my passport
    what is machine learning
    how do i grow tomatoes
    best hiking trails near me
    how to tie a tie
    what's the population of canada
    why is the sky blue
    how do i get rid of hiccups
    where can i watch the olympics
    what's a good name for a cat
    how to start a podcast
    how do i clean my oven
    what are the rules of chess
    how long should i sleep
    recommend a podcast about history
    how do i invest in stocks
    what is a black hole
    how do i write a resume
    what's the best phone plan
    how do i back up my computer
    what's the time difference between london and new york
    can dogs eat grapes
    who painted the starry night
    how many ounces in a pound
    what day is thanksgiving this year
    how do i improve my credit score
    what's the news today
    what is the tallest building in the world
    how do i make a budget
    how do i speed up my wifi
    explain photosynthesis
    what causes earthquakes
    how do i unclog a drain
    what's a healthy breakfast
    how do i stop procrastinating
    what language do they speak in brazil
    how many players on a soccer team
    what's the boiling point of water
    can you recommend a dentist
    how do i report a scam call
    what's the best time to visit japan
    how do i get a library card
    how do i change my car's oil
    what is the stock price of apple
    how do i make coffee without a machine
    what's a good gift for my dad
    is it going to rain this weekend
    how do i take a screenshot
    what's the difference between a crocodile and an alligator
    how do i renew my driver's license
    what's the best way to learn spanish
    how do i stop my dog barking
    where do penguins live
    do you sponsor sports teams
    can i visit your warehouse
    is your packaging plastic free
    how do i report a website bug
    can i get a paper receipt
    do you have a kids section
    what does your logo mean
    do you ship pets
""")


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def build() -> tuple[dict, list[dict], list[dict]]:
    router = {
        "name": "support",
        "routes": [
            {"name": name, "references": references, "metadata": {}, "distance_threshold": 0.5}
            for name, (references, _) in ROUTES.items()
        ],
        "vectorizer": {"type": "hf", "model": "sentence-transformers/all-MiniLM-L6-v2"},
        "routing_config": {"max_k": 1, "aggregation_method": "avg"},
    }
    fit: list[dict] = []
    test: list[dict] = []
    for index, (name, (_, queries)) in enumerate(ROUTES.items()):
        queries = list(queries)
        random.Random(SEED * 100 + index).shuffle(queries)
        half = len(queries) // 2
        fit += [{"text": q, "label": name} for q in queries[:half]]
        test += [{"text": q, "label": name} for q in queries[half:]]
    oos = list(OUT_OF_SCOPE)
    random.Random(SEED).shuffle(oos)
    fit += [{"text": q, "label": None} for i, q in enumerate(oos) if i % OOS_FIT_EVERY == 0]
    test += [{"text": q, "label": None} for i, q in enumerate(oos) if i % OOS_FIT_EVERY != 0]
    random.Random(SEED + 1).shuffle(fit)
    random.Random(SEED + 2).shuffle(test)
    return router, fit, test


def problems() -> list[str]:
    found = []
    seen: dict[str, str] = {}
    for name, (references, queries) in ROUTES.items():
        if len(references) != REFERENCES:
            found.append(f"{name}: {len(references)} references, expected {REFERENCES}")
        if len(queries) != QUERIES:
            found.append(f"{name}: {len(queries)} queries, expected {QUERIES}")
    everything = [(t, f"{n}.references") for n, (r, _) in ROUTES.items() for t in r]
    everything += [(t, f"{n}.queries") for n, (_, q) in ROUTES.items() for t in q]
    everything += [(t, "out_of_scope") for t in OUT_OF_SCOPE]
    for text, where in everything:
        key = normalise(text)
        if key in seen:
            found.append(f"duplicate {text!r}: {seen[key]} and {where}")
        seen[key] = where
    if len(OUT_OF_SCOPE) != 160:
        found.append(f"{len(OUT_OF_SCOPE)} out-of-scope queries, expected 160")
    return found


def main() -> int:
    found = problems()
    if found:
        print("\n".join(found), file=sys.stderr)
        return 1
    router, fit, test = build()
    with (HERE / "router.yaml").open("w") as f:
        yaml.dump(router, f, sort_keys=False, allow_unicode=True, width=1000)
    for name, records in (("fit.jsonl", fit), ("test.jsonl", test)):
        with (HERE / name).open("w") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    for name, records in (("fit.jsonl", fit), ("test.jsonl", test)):
        oos = sum(1 for r in records if r["label"] is None)
        print(f"{name}: {len(records)} lines ({len(records) - oos} in scope, {oos} out of scope)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
