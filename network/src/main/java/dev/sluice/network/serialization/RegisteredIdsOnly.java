package dev.sluice.network.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Kryo's class resolver without its one way of naming a class that is not registered: a message that names a
 * class by its name (as a Kryo without required registration writes one) is refused before the name is even read,
 * so a peer cannot make this side look up, let alone load, a class of its choosing.
 */
final class RegisteredIdsOnly extends DefaultClassResolver {

    @Override
    protected Registration readName(Input input) {
        throw new KryoException("the message names a class by name; only the registered classes, by id, are "
                + "accepted");
    }
}
