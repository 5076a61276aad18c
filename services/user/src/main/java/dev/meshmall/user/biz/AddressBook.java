package dev.meshmall.user.biz;

import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.platform.text.Ids;

/** A user's saved shipping addresses, at most {@value #MAX_ADDRESSES}. */
public final class AddressBook {
    public static final int MAX_ADDRESSES = 20;
    private static final String WHAT = "address";

    private final AddressStore addresses;

    public AddressBook(AddressStore addresses) {
        this.addresses = addresses;
    }

    public Page<StoredAddress> list(UUID me, PageRequest page) {
        return addresses.list(me, page);
    }

    public StoredAddress get(UUID me, String id) {
        return addresses.find(me, Ids.require(id, WHAT)).orElseThrow(() -> DomainError.notFound(WHAT));
    }

    public StoredAddress add(UUID me, Address address) {
        Address valid = AddressRules.check(address);
        return switch (addresses.add(me, valid, MAX_ADDRESSES)) {
            case Insertion.Inserted<StoredAddress> inserted -> inserted.value();
            case Insertion.LimitReached<StoredAddress> full -> throw DomainError.conflict("too_many_addresses",
                    "an account keeps at most " + MAX_ADDRESSES + " addresses");
            case Insertion.OwnerGone<StoredAddress> gone -> throw DomainError.notFound("user");
        };
    }

    public StoredAddress replace(UUID me, String id, Address address) {
        UUID addressId = Ids.require(id, WHAT);
        Address valid = AddressRules.check(address);
        return addresses.replace(me, addressId, valid).orElseThrow(() -> DomainError.notFound(WHAT));
    }

    public void remove(UUID me, String id) {
        if (!addresses.remove(me, Ids.require(id, WHAT))) {
            throw DomainError.notFound(WHAT);
        }
    }
}
